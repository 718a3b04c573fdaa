namespace Mirror.Tests.Support;

/// <summary>
/// Keys made by <c>mirror keys generate</c> itself, once per test run (RSA generation takes seconds): the default
/// 4096-bit key protected by a passphrase, and a 3072-bit key without one.
/// </summary>
internal static class GeneratedKeys
{
    public const string Passphrase = "correct horse battery staple";

    private static readonly TempDir Folder = CleanedAtExit(new TempDir());
    private static readonly Lazy<KeyPair> Protected = new(() => Generate("protected", "Protected Publisher", []));
    private static readonly Lazy<KeyPair> Plain = new(() => Generate("plain", "Plain Publisher", ["--bits", "3072"]));

    public sealed record KeyPair(string Fingerprint, string PublicFile, string PrivateFile, string Folder, MirrorCli.Result Output);

    /// <summary>Default size, passphrase in <see cref="PassphraseFile"/>.</summary>
    public static KeyPair Default => Protected.Value;

    public static KeyPair NoPassphrase => Plain.Value;

    public static string PassphraseFile { get; } = WritePassphrase();

    private static KeyPair Generate(string name, string owner, string[] extra)
    {
        var folder = Folder[name];
        var passphrase = extra.Length == 0 ? new[] { "--passphrase-file", PassphraseFile } : [];
        var result = MirrorCli.Run(["keys", "generate", "--name", owner, "--email", $"{name}@example.com", "--output", folder, .. passphrase, .. extra]);
        Assert.True(result.Code == 0, result.Stderr);
        return new KeyPair(result.Stdout.Trim(), Path.Combine(folder, "public-key.asc"), Path.Combine(folder, "private-key.asc"), folder, result);
    }

    private static TempDir CleanedAtExit(TempDir dir)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => dir.Dispose();
        return dir;
    }

    private static string WritePassphrase()
    {
        var path = Folder["passphrase.txt"];
        File.WriteAllText(path, Passphrase + "\n");
        return path;
    }
}
