using Mirror.OpenPgp.Generation;

namespace Mirror.Core.KeyManagement;

/// <summary><c>mirror keys generate</c>: a new signing key pair written to a folder, never over existing files.</summary>
internal static class KeyPairFiles
{
    public const string PublicFileName = "public-key.asc";
    public const string PrivateFileName = "private-key.asc";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <exception cref="MirrorException">A bad name or e-mail, or the files exist already.</exception>
    public static (GeneratedKey Key, string PublicFile, string PrivateFile) Generate(
        string name, string email, string outputDir, int bits, string? passphrase, DateTimeOffset now)
    {
        RequireUserIdPart("--name", name, "<>\r\n", "<, > or line breaks");
        RequireUserIdPart("--email", email, "<> \t\r\n", "<, >, spaces or line breaks");
        if (email.Split('@') is not [{ Length: > 0 }, { Length: > 0 }])
            throw new MirrorException($"--email \"{email}\" is not an e-mail address");
        if (!KeyGenerator.AllowedBits.Contains(bits))
            throw new MirrorException($"--bits {bits}: must be 3072 or 4096 (Mattermost accepts smaller RSA keys, but they are too weak)");

        if (File.Exists(outputDir))
            throw new MirrorException($"--output {outputDir} is a file, not a folder");
        var publicFile = Path.Combine(outputDir, PublicFileName);
        var privateFile = Path.Combine(outputDir, PrivateFileName);
        foreach (var file in new[] { publicFile, privateFile })
        {
            if (File.Exists(file))
                throw new MirrorException($"{file} already exists; not overwritten (choose another --output)");
        }

        var key = KeyGenerator.Generate($"{name} <{email}>", bits, passphrase, now);
        Directory.CreateDirectory(outputDir);
        WriteNew(privateFile, key.PrivateArmored, OwnerOnly);
        WriteNew(publicFile, key.PublicArmored, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return (key, publicFile, privateFile);
    }

    private static void RequireUserIdPart(string flag, string value, string forbidden, string forbiddenInWords)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new MirrorException($"{flag} must not be empty");
        if (value.IndexOfAny(forbidden.ToCharArray()) >= 0)
            throw new MirrorException($"{flag} \"{value}\" must not contain {forbiddenInWords}");
    }

    /// <summary>Created with its final mode, so the private key is never readable by others, not even for a moment.</summary>
    private static void WriteNew(string path, byte[] bytes, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(bytes);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new MirrorException($"{path} already exists; not overwritten (choose another --output)");
        }
    }
}
