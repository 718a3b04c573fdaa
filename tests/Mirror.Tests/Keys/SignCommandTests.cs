using System.IO.Pipes;
using System.Text;
using System.Text.RegularExpressions;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Keys;

/// <summary><c>mirror sign</c>: exactly the signature Mattermost verifies, checked by gpgv and by <c>mirror verify</c>.</summary>
public sealed class SignCommandTests
{
    [Theory]
    [Trait(Categories.Key, Categories.Integration)]
    [InlineData(false)]
    [InlineData(true)]
    public void A_signature_from_mirror_sign_verifies_with_gpgv_and_mirror_verify(bool armor)
    {
        var key = GeneratedKeys.Default;
        using var dir = new TempDir();
        var bundle = dir["com.example.signed-1.0.0.tar.gz"];
        File.WriteAllBytes(bundle, TarGz.Plugin("com.example.signed", "1.0.0").Build());

        List<string> args = ["sign", bundle, "--key", key.PrivateFile, "--passphrase-file", GeneratedKeys.PassphraseFile];
        if (armor)
            args.Add("--armor");
        var result = MirrorCli.Run([.. args]);

        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Equal($"signed {bundle} -> {bundle}.sig (key {key.Fingerprint}, Protected Publisher <protected@example.com>)\n", result.Stdout);
        Assert.Equal(armor, File.ReadAllText(bundle + ".sig").StartsWith("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal));

        using var gpg = new Gpg();
        var status = gpg.Verify(bundle + ".sig", bundle, gpg.KeyringFrom(key.PublicFile));
        Assert.Contains(status, l => l.StartsWith($"VALIDSIG {key.Fingerprint}", StringComparison.Ordinal));
        var packets = gpg.Run(["--list-packets", bundle + ".sig"]).Stdout;
        Assert.Contains("version 4,", packets);
        Assert.Contains("sigclass 0x00", packets);
        Assert.Contains("digest algo 8,", packets);
        Assert.Contains($"hashed subpkt 16 len 8 (issuer key ID {key.Fingerprint[^16..]})", packets);

        var verify = MirrorCli.Run("verify", bundle, "--keys", key.PublicFile);
        Assert.Equal(ExitCodes.Success, verify.Code);
        Assert.StartsWith("published", verify.Stdout.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void The_Mattermost_development_key_signs_and_its_signature_verifies()
    {
        var fixtures = RepoPaths.MattermostFixtures;
        using var dir = new TempDir();
        var bundle = dir["testplugin.tar.gz"];
        File.Copy(Path.Combine(fixtures, "testplugin.tar.gz"), bundle);

        var result = MirrorCli.Run("sign", bundle, "--key", Path.Combine(fixtures, "development-private-key.asc"));

        Assert.Equal(ExitCodes.Success, result.Code);
        var verify = MirrorCli.Run("verify", bundle, "--keys", Path.Combine(fixtures, "development-public-key.asc"));
        Assert.Equal(ExitCodes.Success, verify.Code);
        Assert.Matches("^published +.*testplugin.tar.gz +testplugin +0.0.1 +F3FACE45E0DE642C8BD6A8E64C7C6562C192CC1F", verify.Stdout.Split('\n')[1]);
        using var gpg = new Gpg();
        var status = gpg.Verify(bundle + ".sig", bundle, gpg.KeyringFrom(Path.Combine(fixtures, "development-public-key.gpg")));
        Assert.Contains(status, l => l.StartsWith("VALIDSIG F3FACE45E0DE642C8BD6A8E64C7C6562C192CC1F", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_passphrase_from_a_pipe_is_waited_for_as_the_shells_process_substitution_gives_it()
    {
        // What `--passphrase-file <(pass show key)` hands over: /dev/fd/N, a pipe whose writer may not have written yet.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var path = $"/dev/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}";
        var writer = Task.Run(async () =>
        {
            await Task.Delay(300);
            pipe.Write(Encoding.UTF8.GetBytes(GeneratedKeys.Passphrase + "\n"));
            pipe.Dispose();
        });
        using var dir = new TempDir();
        var bundle = dir["bundle.tar.gz"];
        File.WriteAllBytes(bundle, TarGz.Plugin("com.example.bundle", "1.0.0").Build());

        var result = SpecialFiles.Finishes(() => MirrorCli.Run("sign", bundle, "--key", GeneratedKeys.Default.PrivateFile, "--passphrase-file", path));

        Assert.Equal((ExitCodes.Success, ""), (result.Code, result.Stderr));
        Assert.True(File.Exists(bundle + ".sig"));
        await writer;
    }

    [Fact]
    public void A_wrong_passphrase_is_said_in_words()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["wrong"], "not the passphrase\n");
        AssertRefused(dir, GeneratedKeys.Default.PrivateFile, ["--passphrase-file", dir["wrong"]],
            $"wrong passphrase for key {GeneratedKeys.Default.Fingerprint}");
    }

    [Fact]
    public void A_protected_key_without_passphrase_file_says_how_to_give_it()
    {
        using var dir = new TempDir();
        AssertRefused(dir, GeneratedKeys.Default.PrivateFile, [],
            $"key {GeneratedKeys.Default.Fingerprint} is protected by a passphrase; give it with --passphrase-file");
    }

    [Fact]
    public void A_public_key_is_not_a_signing_key()
    {
        using var dir = new TempDir();
        AssertRefused(dir, GeneratedKeys.NoPassphrase.PublicFile, [],
            "is a PUBLIC key; signing needs the private key (`gpg --armor --export-secret-keys`, or private-key.asc from `mirror keys generate`)");
    }

    [Fact]
    public void A_missing_or_garbage_key_file_is_refused()
    {
        using var dir = new TempDir();
        AssertRefused(dir, dir["missing.asc"], [], "no such file");
        File.WriteAllText(dir["garbage.asc"], "this is not a key\n");
        AssertRefused(dir, dir["garbage.asc"], [], "not an OpenPGP private key: neither binary OpenPGP data nor an ASCII-armored key block");
        File.WriteAllBytes(dir["empty.asc"], []);
        AssertRefused(dir, dir["empty.asc"], [], "empty file, not an OpenPGP private key");
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void An_ed25519_key_made_with_gpg_is_refused_naming_EdDSA()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Ed Publisher <ed@example.com>", "ed25519");
        using var dir = new TempDir();
        File.WriteAllBytes(dir["ed25519.asc"], gpg.ExportSecret(fingerprint));
        AssertRefused(dir, dir["ed25519.asc"], [],
            $"key {fingerprint} is an EdDSA (Ed25519) key: Mattermost cannot verify EdDSA signatures; make an RSA key with `mirror keys generate`");
    }

    [Theory]
    [Trait(Categories.Key, Categories.Integration)]
    [InlineData("brainpoolP256r1")]
    [InlineData("secp256k1")]
    public void An_ecdsa_key_made_with_gpg_on_a_curve_Mattermost_cannot_read_is_refused_naming_the_curve(string curve)
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey($"Curve Publisher <{curve}@example.com>", curve);
        using var dir = new TempDir();
        File.WriteAllBytes(dir["curve.asc"], gpg.ExportSecret(fingerprint));
        AssertRefused(dir, dir["curve.asc"], [], $"key {fingerprint} is ECDSA on curve {curve}, which Mattermost cannot verify: " +
            "it verifies ECDSA on NIST P-256, P-384 and P-521 only; make an RSA key with `mirror keys generate`");
    }

    [Fact]
    public void A_missing_bundle_is_refused_before_anything_is_signed()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["real.tar.gz"], TarGz.Plugin("com.example.real", "1.0.0").Build());

        var result = MirrorCli.Run("sign", dir["real.tar.gz"], dir["missing.tar.gz"], "--key", GeneratedKeys.NoPassphrase.PrivateFile);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal($"mirror: {dir["missing.tar.gz"]}: no such file; nothing signed\n", result.Stderr);
        Assert.False(File.Exists(dir["real.tar.gz.sig"]));
    }

    [Theory]
    [InlineData("fifo", "is a named pipe (FIFO), not a regular file")]
    [InlineData("/dev/zero", "is a character device, not a regular file")]
    [InlineData("folder", "is a folder, not a regular file")]
    public void A_bundle_that_is_not_a_regular_file_is_refused_without_waiting_on_it_and_nothing_is_signed(string what, string reason)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["real.tar.gz"], TarGz.Plugin("com.example.real", "1.0.0").Build());
        var bundle = what switch
        {
            "fifo" => SpecialFiles.Fifo(dir["odd.tar.gz"]),
            "folder" => Directory.CreateDirectory(dir["odd.tar.gz"]).FullName,
            _ => SpecialFiles.Link(dir["odd.tar.gz"], what),
        };

        var result = SpecialFiles.Finishes(() => MirrorCli.Run("sign", dir["real.tar.gz"], bundle, "--key", GeneratedKeys.NoPassphrase.PrivateFile));

        Assert.Equal((ExitCodes.BadUsage, $"mirror: {bundle}: {reason}; nothing signed\n"), (result.Code, result.Stderr));
        Assert.False(File.Exists(dir["real.tar.gz.sig"]));
    }

    [Fact]
    public void A_folder_where_the_signature_goes_is_refused_and_nothing_is_signed()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["real.tar.gz"], TarGz.Plugin("com.example.real", "1.0.0").Build());
        File.WriteAllBytes(dir["other.tar.gz"], TarGz.Plugin("com.example.other", "1.0.0").Build());
        Directory.CreateDirectory(dir["other.tar.gz.sig"]);

        var result = MirrorCli.Run("sign", dir["real.tar.gz"], dir["other.tar.gz"], "--key", GeneratedKeys.NoPassphrase.PrivateFile);

        Assert.Equal((ExitCodes.BadUsage, $"mirror: {dir["other.tar.gz.sig"]}: is a folder, where the signature would go; nothing signed\n"),
            (result.Code, result.Stderr));
        Assert.False(File.Exists(dir["real.tar.gz.sig"]));
    }

    [Fact]
    public void A_signature_that_cannot_be_written_is_exit_1_naming_it_and_the_bundles_signed_before_it()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["real.tar.gz"], TarGz.Plugin("com.example.real", "1.0.0").Build());

        // A regular file in a folder no one may create files in, root included (tests run as root in CI).
        var result = MirrorCli.Run("sign", dir["real.tar.gz"], "/proc/self/status", "--key", GeneratedKeys.NoPassphrase.PrivateFile);

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.Matches(@"^mirror: /proc/self/status\.sig: cannot write the signature \([^'/]+\); signed before it: " + Regex.Escape(dir["real.tar.gz"]) + "\n$",
            result.Stderr);
        Assert.True(File.Exists(dir["real.tar.gz.sig"]));
    }

    private static void AssertRefused(TempDir dir, string keyFile, string[] extra, string reason)
    {
        var bundle = dir["bundle.tar.gz"];
        if (!File.Exists(bundle))
            File.WriteAllBytes(bundle, TarGz.Plugin("com.example.bundle", "1.0.0").Build());

        var result = MirrorCli.Run(["sign", bundle, "--key", keyFile, .. extra]);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal($"mirror: {keyFile}: {reason}; nothing signed\n", result.Stderr);
        Assert.False(File.Exists(bundle + ".sig"));
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void More_bundles_than_the_process_may_hold_open_files_are_signed()
    {
        using var dir = new TempDir();
        var bundles = Enumerable.Range(0, 150).Select(i => dir[$"b{i:D3}.tar.gz"]).ToList();
        var bytes = TarGz.Plugin("com.example.many", "1.0.0").Build();
        foreach (var bundle in bundles)
            File.WriteAllBytes(bundle, bytes);

        var result = MirrorProcess.Run(["sign", .. bundles, "--key", Path.Combine(RepoPaths.MattermostFixtures, "development-private-key.asc")], "ulimit -n 100;");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Stderr);
        Assert.All(bundles, b => Assert.True(File.Exists(b + ".sig"), b));
    }
}
