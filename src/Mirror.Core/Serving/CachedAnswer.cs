using System.IO.Compression;

namespace Mirror.Core.Serving;

/// <summary>
/// One answer's bytes, and their gzip made once when a client first asks for it: Mattermost servers (Go's HTTP
/// client) always accept gzip, so compressing a big listing on every request would cost more than answering it.
/// </summary>
internal sealed class CachedAnswer(byte[] json)
{
    private readonly Lazy<byte[]> gzipped = new(() => Gzip(json));

    public byte[] Json { get; } = json;

    public byte[] Gzipped => gzipped.Value;

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(bytes);
        return buffer.ToArray();
    }
}
