namespace Mirror.Core;

/// <summary>
/// Writes a file outside the staged site (a report, a signature, a key) so that readers see the old content or the
/// new, never half of it: a temporary file beside it, then a rename.
/// </summary>
internal static class WholeFile
{
    /// <remarks>
    /// The temporary file gets a fresh name and is created exclusively, so a link planted at a predictable name is
    /// never written through; the rename replaces a link at <paramref name="path"/> itself, never its target. A
    /// failed write leaves no temporary file behind.
    /// </remarks>
    public static void Write(string path, byte[] bytes) => Write(path, file => file.Write(bytes));

    /// <summary>As <see cref="Write(string, byte[])"/>, the bytes written by <paramref name="write"/> as they are made.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
                write(file);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
