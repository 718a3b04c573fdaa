using System.Text;

namespace Mirror.Core.Rendering;

/// <summary>Text files of the site (pages, web server configs): UTF-8 without a BOM, every line ending "\n", written as made.</summary>
internal static class SiteText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteText(this ISiteOutput site, string relativePath, Action<LineFeedWriter> write, string inputsKey = "") =>
        site.WriteStreamed(relativePath, file =>
        {
            // A small buffer: one of 64K chars (and its 192 KB of bytes) is two large-object allocations per page, which
            // only a full collection frees; 40,000 pages of them grew a build by 230 MB.
            using var text = new StreamWriter(file, Utf8, bufferSize: 4096, leaveOpen: true);
            write(new LineFeedWriter(text));
        }, inputsKey);
}
