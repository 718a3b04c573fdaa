namespace Mirror.Core.KeyManagement;

/// <summary>A passphrase is read from a file, never from the command line (where `ps` and shell history would show it).</summary>
internal static class PassphraseFile
{
    /// <summary>The first line, as <c>gpg --passphrase-file</c> reads it; null when no file is given.</summary>
    /// <exception cref="MirrorException">Missing, unreadable or empty file.</exception>
    public static string? Read(string? path)
    {
        if (path is null)
            return null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MirrorException(File.Exists(path) || Directory.Exists(path)
                ? $"--passphrase-file {path}: cannot be read ({e.Message})"
                : $"--passphrase-file {path}: no such file");
        }

        var passphrase = text.Split('\n')[0].TrimEnd('\r');
        return passphrase.Length > 0 ? passphrase : throw new MirrorException($"--passphrase-file {path}: the first line is empty");
    }
}
