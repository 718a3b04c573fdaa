using Mirror.OpenPgp.Files;

namespace Mirror.Core.KeyManagement;

/// <summary>
/// A passphrase is read from a file, never from the command line (where `ps` and shell history would show it): a
/// regular file, or a pipe such as the shell's <c>&lt;(pass show key)</c>.
/// </summary>
internal static class PassphraseFile
{
    /// <summary>Far more than any passphrase: a pipe that never ends (<c>&lt;(yes)</c>) is refused here, before memory runs out.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The first line, as <c>gpg --passphrase-file</c> reads it; null when no file is given.</summary>
    /// <exception cref="MirrorException">Missing, unreadable, too large, not a file or a pipe, or empty.</exception>
    public static string? Read(string? path)
    {
        if (path is null)
            return null;
        byte[] bytes;
        try
        {
            bytes = RegularFile.ReadAll(path, MaxBytes, pipeAllowed: true);
        }
        catch (FileRefusedException e) when (e.TooLarge)
        {
            throw new MirrorException($"--passphrase-file {path}: more than {MaxBytes / 1024} KiB, too large for a passphrase file");
        }
        catch (FileRefusedException e)
        {
            throw new MirrorException($"--passphrase-file {path}: {e.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new MirrorException($"--passphrase-file {path}: no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MirrorException($"--passphrase-file {path}: cannot be read ({e.Message})");
        }

        using var reader = new StreamReader(new MemoryStream(bytes));
        var passphrase = reader.ReadToEnd().Split('\n')[0].TrimEnd('\r');
        return passphrase.Length > 0 ? passphrase : throw new MirrorException($"--passphrase-file {path}: the first line is empty");
    }
}
