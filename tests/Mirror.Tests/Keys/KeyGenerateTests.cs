using Mirror.Core;
using Mirror.Core.KeyManagement;
using Mirror.Tests.Support;

namespace Mirror.Tests.Keys;

/// <summary><c>mirror keys generate</c>: a key GnuPG and Mattermost accept, written safely.</summary>
public sealed class KeyGenerateTests
{
    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void The_default_key_is_RSA_4096_that_signs_and_imports_into_gpg_with_its_passphrase()
    {
        var key = GeneratedKeys.Default;
        Assert.Matches("^[0-9A-F]{40}$", key.Fingerprint);
        Assert.Contains($"mirror: made RSA-4096 key {key.Fingerprint} for Protected Publisher <protected@example.com>", key.Output.Stderr);
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", File.ReadAllText(key.PublicFile), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----", File.ReadAllText(key.PrivateFile), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key.PrivateFile));

        using var gpg = new Gpg();
        gpg.Run(["--pinentry-mode", "loopback", "--passphrase", GeneratedKeys.Passphrase, "--import", key.PrivateFile]);
        var listing = gpg.Run(["--with-colons", "--list-secret-keys", key.Fingerprint]).Stdout;
        var sec = listing.Split('\n').Single(l => l.StartsWith("sec:", StringComparison.Ordinal)).Split(':');
        Assert.Equal(("4096", "1", "scSC"), (sec[2], sec[3], sec[11]));
        Assert.Contains($"fpr:::::::::{key.Fingerprint}:", listing);

        // gpg can use the imported private key with the passphrase: the protection is the standard one.
        using var data = new TempDir();
        File.WriteAllText(data["file"], "data");
        gpg.Run(["--pinentry-mode", "loopback", "--passphrase", GeneratedKeys.Passphrase, "--local-user", key.Fingerprint,
            "--output", data["file.sig"], "--detach-sign", data["file"]]);
        Assert.Contains($"VALIDSIG {key.Fingerprint}", string.Join("\n", gpg.Verify(data["file.sig"], data["file"], gpg.KeyringFrom(key.PublicFile))));
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void A_key_without_passphrase_is_3072_bits_when_asked_and_gpg_imports_it()
    {
        var key = GeneratedKeys.NoPassphrase;
        Assert.Contains("(mode 0600, no passphrase: keep it secret, back it up)", key.Output.Stderr);
        using var gpg = new Gpg();
        gpg.Import(key.PrivateFile);
        var sec = gpg.Run(["--with-colons", "--list-secret-keys", key.Fingerprint]).Stdout.Split('\n').Single(l => l.StartsWith("sec:", StringComparison.Ordinal));
        Assert.Equal("3072", sec.Split(':')[2]);
    }

    [Fact]
    public void It_refuses_to_overwrite_a_key_pair()
    {
        var key = GeneratedKeys.NoPassphrase;
        var before = File.ReadAllBytes(key.PrivateFile);

        var result = MirrorCli.Run("keys", "generate", "--name", "Other", "--email", "other@example.com", "--output", key.Folder, "--bits", "3072");

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal($"mirror: {key.PublicFile} already exists; not overwritten (choose another --output)\n", result.Stderr);
        Assert.Equal(before, File.ReadAllBytes(key.PrivateFile));
    }

    [Theory]
    [InlineData("--bits 2048", "mirror: --bits 2048: must be 3072 or 4096 (Mattermost accepts smaller RSA keys, but they are too weak)")]
    [InlineData("--email not-an-address", "mirror: --email \"not-an-address\" is not an e-mail address")]
    [InlineData("--name <evil>", "mirror: --name \"<evil>\" must not contain <, > or line breaks")]
    [InlineData("--passphrase-file /no/such/file", "mirror: --passphrase-file /no/such/file: no such file")]
    public void Bad_input_is_refused_with_exit_2_and_writes_nothing(string flags, string message)
    {
        using var output = new TempDir();
        var options = new Dictionary<string, string> { ["--name"] = "Ann", ["--email"] = "ann@example.com", ["--output"] = output["keys"], ["--bits"] = "3072" };
        var (flag, value) = (flags.Split(' ')[0], flags.Split(' ')[1]);
        options[flag] = value;
        var result = MirrorCli.Run(["keys", "generate", .. options.SelectMany(o => new[] { o.Key, o.Value })]);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal(message + "\n", result.Stderr);
        Assert.False(Directory.Exists(output["keys"]));
    }

    [Fact]
    public void An_output_that_is_a_file_is_refused()
    {
        var file = GeneratedKeys.NoPassphrase.PublicFile;
        var result = MirrorCli.Run("keys", "generate", "--name", "Ann", "--email", "ann@example.com", "--output", file, "--bits", "3072");
        Assert.Equal((ExitCodes.BadUsage, $"mirror: --output {file} is a file, not a folder\n"), (result.Code, result.Stderr));
    }

    [Fact]
    public void An_empty_passphrase_file_is_refused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["empty"], "\n");
        var result = MirrorCli.Run("keys", "generate", "--name", "Ann", "--email", "ann@example.com", "--output", dir["keys"], "--passphrase-file", dir["empty"]);
        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal($"mirror: --passphrase-file {dir["empty"]}: the first line is empty\n", result.Stderr);
    }

    [Theory]
    [InlineData("device", "is a character device, not a regular file or a pipe")]
    [InlineData("folder", "is a folder, not a regular file or a pipe")]
    [InlineData("large", "more than 64 KiB, too large for a passphrase file")]
    [InlineData("fifo", "the first line is empty")] // no writer holds it open: empty at once, never waited on
    public void A_passphrase_file_that_is_a_device_a_folder_too_large_or_a_pipe_no_one_writes_is_refused(string kind, string reason)
    {
        using var dir = new TempDir();
        var path = kind switch
        {
            "device" => SpecialFiles.Link(dir["zero"], "/dev/zero"),
            "folder" => Directory.CreateDirectory(dir["folder"]).FullName,
            "fifo" => SpecialFiles.Fifo(dir["fifo"]),
            _ => dir["large"],
        };
        if (kind == "large")
            File.WriteAllText(path, new string('a', PassphraseFile.MaxBytes + 1));

        var result = SpecialFiles.Finishes(() =>
            MirrorCli.Run("keys", "generate", "--name", "Ann", "--email", "ann@example.com", "--output", dir["keys"], "--passphrase-file", path));

        Assert.Equal((ExitCodes.BadUsage, $"mirror: --passphrase-file {path}: {reason}\n"), (result.Code, result.Stderr));
        Assert.False(Directory.Exists(dir["keys"]));
    }

    [Fact]
    public void A_missing_required_flag_is_bad_usage()
    {
        var result = MirrorCli.Run("keys", "generate", "--name", "Ann", "--output", "/tmp/x");
        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Contains("--email", result.Stderr);
    }
}
