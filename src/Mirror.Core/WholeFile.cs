namespace Mirror.Core;

/// <summary>
/// Writes a file outside the staged site (a report, a signature, a key) so that readers see the old content or the
/// new, never half of it: a temporary file beside it, then a rename.
/// </summary>
public static class WholeFile
{
    public static void Write(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, full, overwrite: true);
    }
}
