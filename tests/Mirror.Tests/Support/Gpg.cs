namespace Mirror.Tests.Support;

/// <summary>GnuPG in a throwaway home folder: keys and signatures made by the real tool, for interop both ways.</summary>
internal sealed class Gpg : IDisposable
{
    private readonly TempDir home = new();

    public Dictionary<string, string> Environment => new() { ["GNUPGHOME"] = home.Path };

    /// <returns>The new key's fingerprint.</returns>
    public string GenerateKey(string userId, string algorithm = "rsa3072", string usage = "sign", string? fakedTime = null)
    {
        var args = new List<string> { "--batch", "--pinentry-mode", "loopback", "--passphrase", "" };
        if (fakedTime is not null)
            args.AddRange(["--faked-system-time", fakedTime]);
        args.AddRange(["--quick-generate-key", userId, algorithm, usage, "never"]);
        Run(args);
        var listing = Run(["--batch", "--with-colons", "--list-keys", userId]).Stdout;
        return listing.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
    }

    /// <summary>Adds a subkey (e.g. <c>cv25519</c> for <c>encr</c>, as GnuPG's default ECC key has), as <c>gpg --quick-add-key</c> does.</summary>
    /// <returns>The subkey's fingerprint.</returns>
    public string AddSubkey(string fingerprint, string algorithm, string usage)
    {
        Run(["--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-add-key", fingerprint, algorithm, usage, "never"]);
        var listing = Run(["--batch", "--with-colons", "--list-keys", fingerprint]).Stdout;
        return listing.Split('\n').Where(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Last().Split(':')[9];
    }

    public byte[] ExportPublic(string fingerprint, bool armor = true) =>
        File.ReadAllBytes(Output(armor ? ["--armor", "--export", fingerprint] : ["--export", fingerprint]));

    public byte[] ExportSecret(string fingerprint) =>
        File.ReadAllBytes(Output(["--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys", fingerprint]));

    /// <summary>
    /// A revocation certificate, as <c>gpg --output FILE --gen-revoke KEYID</c> writes it (its questions answered; it
    /// is always armored), or that made binary by <c>gpg --dearmor</c>.
    /// </summary>
    public byte[] GenerateRevocation(string fingerprint, bool armor = true)
    {
        var output = home[$"rev-{Guid.NewGuid():N}"];
        var result = Tool.Run("gpg", ["--yes", "--pinentry-mode", "loopback", "--passphrase", "", "--command-fd", "0", "--no-tty",
            "--output", output, "--gen-revoke", fingerprint], Environment, stdin: "y\n1\nkey compromised\n\ny\n");
        Assert.True(result.ExitCode == 0, $"gpg --gen-revoke failed ({result.ExitCode}): {result.Stderr}");
        if (armor)
            return File.ReadAllBytes(output);
        var binary = File.ReadAllBytes(Output(["--dearmor"], output));
        Assert.True((binary[0] & 0x80) != 0, "gpg --dearmor wrote no binary packet");
        return binary;
    }

    /// <summary>The revocation certificate gpg made with the key and keeps in its home (its armor behind a colon).</summary>
    public string KeptRevocation(string fingerprint) => home[Path.Combine("openpgp-revocs.d", fingerprint + ".rev")];

    public void Import(string file) => Run(["--batch", "--import", file]);

    public byte[] DetachSign(string file, string fingerprint, bool armor = false, string digest = "SHA256", bool textMode = false)
    {
        var args = new List<string> { "--local-user", fingerprint, "--digest-algo", digest };
        if (armor)
            args.Add("--armor");
        if (textMode)
            args.Add("--textmode");
        args.Add("--detach-sign");
        return File.ReadAllBytes(Output(args, file));
    }

    /// <summary>gpgv's verdict on a detached signature, from its status lines (its exit code alone is not the truth).</summary>
    public string[] Verify(string signature, string data, string keyringFile) =>
        Tool.Run("gpgv", ["--status-fd", "1", "--keyring", keyringFile, signature, data], Environment)
            .Stdout.Split('\n').Where(l => l.StartsWith("[GNUPG:] ", StringComparison.Ordinal)).Select(l => l[9..]).ToArray();

    /// <summary>A binary keyring file that gpgv reads, made from any public key file (armored or not).</summary>
    public string KeyringFrom(string publicKeyFile)
    {
        var keyring = home[$"keyring-{Guid.NewGuid():N}.gpg"];
        Tool.MustRun("gpg", ["--batch", "--yes", "--output", keyring, "--dearmor", publicKeyFile], Environment);
        return keyring;
    }

    public Tool.Result Run(IEnumerable<string> args) => Tool.MustRun("gpg", ["--batch", "--yes", .. args], Environment);

    private string Output(IEnumerable<string> args, string? input = null)
    {
        var output = home[$"out-{Guid.NewGuid():N}"];
        Run(["--output", output, .. args, .. input is null ? Array.Empty<string>() : [input]]);
        return output;
    }

    public void Dispose() => home.Dispose();
}
