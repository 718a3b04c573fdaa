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
    public static void Write(string path, Action<Stream> write) => Write(path, write, keepIfSame: false);

    /// <summary>As <see cref="Write(string, Action{Stream})"/>, but a file that already holds those bytes is left as it is.</summary>
    public static void WriteIfChanged(string path, Action<Stream> write) => Write(path, write, keepIfSame: true);

    private static void Write(string path, Action<Stream> write, bool keepIfSame)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
                write(file);
            if (keepIfSame && SameBytes(temporary, full))
                File.Delete(temporary);
            else
                File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static bool SameBytes(string made, string existing)
    {
        if (!File.Exists(existing) || new FileInfo(existing).Length != new FileInfo(made).Length)
            return false;
        using var a = new FileStream(made, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        using var b = new FileStream(existing, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var (left, right) = (new byte[1 << 16], new byte[1 << 16]);
        int read;
        while ((read = a.ReadAtLeast(left, left.Length, throwOnEndOfStream: false)) > 0)
        {
            if (b.ReadAtLeast(right, read, throwOnEndOfStream: false) != read || !left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, read)))
                return false;
        }

        return true;
    }
}
