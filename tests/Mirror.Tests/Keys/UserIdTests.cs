using System.Text;
using System.Text.Json;
using Mirror.Core;
using Mirror.OpenPgp.Keys;
using Mirror.Tests.Support;
using Org.BouncyCastle.Bcpg;

namespace Mirror.Tests.Keys;

/// <summary>
/// User ids beyond ASCII: UTF-8 ones (as <c>mirror keys generate</c> and gpg write them) work everywhere, and bytes
/// that are not UTF-8 are shown escaped, never a crash.
/// </summary>
public sealed class UserIdTests
{
    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void A_key_generated_for_a_non_ASCII_name_is_added_listed_signs_and_verifies_and_gpg_reads_its_user_id()
    {
        using var dir = new TempDir();
        var generated = MirrorCli.Run("keys", "generate", "--name", "Tëst Üser", "--email", "t@example.com", "--output", dir["key"], "--bits", "3072");
        Assert.True(generated.Code == ExitCodes.Success, generated.Stderr);
        var fingerprint = generated.Stdout.Trim();
        var publicFile = Path.Combine(dir["key"], "public-key.asc");
        Assert.Equal(Encoding.UTF8.GetBytes("Tëst Üser <t@example.com>"),
            KeyFileReader.ReadPublicKeys(publicFile, "public-key.asc").Single().GetPublicKey().GetRawUserIds().Single());

        using var catalog = new TestCatalog();
        var added = MirrorCli.Run("keys", "add", publicFile, catalog.Dir);
        Assert.Equal((ExitCodes.Success, $"added {fingerprint} Tëst Üser <t@example.com> -> keys/{fingerprint}.asc\n", ""),
            (added.Code, added.Stdout, added.Stderr));
        var listed = JsonDocument.Parse(MirrorCli.Run("keys", "list", catalog.Dir, "--json").Stdout).RootElement.GetProperty("keys")[0];
        Assert.Equal(("Tëst Üser <t@example.com>", true, 0),
            (listed.GetProperty("user_id").GetString(), listed.GetProperty("mattermost_can_use").GetBoolean(), listed.GetProperty("warnings").GetArrayLength()));

        catalog.Add("plugins/com.example.umlaut-1.0.0.tar.gz", TarGz.Plugin("com.example.umlaut", "1.0.0").Build(), null);
        var path = catalog["plugins/com.example.umlaut-1.0.0.tar.gz"];
        var signed = MirrorCli.Run("sign", path, "--key", Path.Combine(dir["key"], "private-key.asc"));
        Assert.Equal((ExitCodes.Success, $"signed {path} -> {path}.sig (key {fingerprint}, Tëst Üser <t@example.com>)\n"), (signed.Code, signed.Stdout));
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("verify", catalog.Dir).Code);
        var built = catalog.Build();
        Assert.Equal(ExitCodes.Success, built.ExitCode);
        Assert.Equal("Tëst Üser <t@example.com>", built.Bundles.Single().Signature!.SignerUserId);

        using var gpg = new Gpg();
        gpg.Import(publicFile);
        Assert.Contains(gpg.Run(["--with-colons", "--list-keys", fingerprint]).Stdout.Split('\n'),
            l => l.StartsWith("uid:", StringComparison.Ordinal) && l.Contains(":Tëst Üser <t@example.com>:", StringComparison.Ordinal));
        var status = gpg.Verify(path + ".sig", path, gpg.KeyringFrom(Path.Combine(catalog.SiteDir, "keys", "mirror-trusted-keys.asc")));
        Assert.Contains(status, l => l.StartsWith($"VALIDSIG {fingerprint}", StringComparison.Ordinal));
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void A_gpg_key_with_a_UTF8_user_id_is_added_listed_and_signs_with_gpg_and_with_mirror()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Jörg <j@example.com>");
        // EdDSA self-signatures are checked by BouncyCastle, not the platform: the other path a user id takes.
        var ed25519 = gpg.GenerateKey("Jörg Ed <jed@example.com>", "ed25519");
        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["jorg.asc"], gpg.ExportPublic(fingerprint));
        File.WriteAllBytes(incoming["jorg-private.asc"], gpg.ExportSecret(fingerprint));
        using var catalog = new TestCatalog().TrustBytes(gpg.ExportPublic(ed25519), "ed25519.asc");

        var added = MirrorCli.Run("keys", "add", incoming["jorg.asc"], catalog.Dir);
        Assert.Equal((ExitCodes.Success, $"added {fingerprint} Jörg <j@example.com> -> keys/{fingerprint}.asc\n"), (added.Code, added.Stdout));
        var keys = JsonDocument.Parse(MirrorCli.Run("keys", "list", catalog.Dir, "--json").Stdout).RootElement.GetProperty("keys").EnumerateArray()
            .ToDictionary(k => k.GetProperty("fingerprint").GetString()!);
        Assert.Equal(("Jörg <j@example.com>", true), (keys[fingerprint].GetProperty("user_id").GetString(), keys[fingerprint].GetProperty("mattermost_can_use").GetBoolean()));
        Assert.Equal("Jörg Ed <jed@example.com>", keys[ed25519].GetProperty("user_id").GetString());
        Assert.Equal(["eddsa: EdDSA (Ed25519) signing key; Mattermost cannot verify EdDSA signatures"],
            keys[ed25519].GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!));

        catalog.Add("by-gpg.tar.gz", TarGz.Plugin("com.example.bygpg", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["by-gpg.tar.gz.sig"], gpg.DetachSign(catalog["by-gpg.tar.gz"], fingerprint));
        catalog.Add("by-mirror.tar.gz", TarGz.Plugin("com.example.bymirror", "1.0.0").Build(), null);
        var signed = MirrorCli.Run("sign", catalog["by-mirror.tar.gz"], "--key", incoming["jorg-private.asc"]);
        Assert.Equal(ExitCodes.Success, signed.Code);
        Assert.EndsWith($"(key {fingerprint}, Jörg <j@example.com>)\n", signed.Stdout, StringComparison.Ordinal);

        var built = catalog.Build();
        Assert.Equal(ExitCodes.Success, built.ExitCode);
        Assert.All(built.Bundles, b => Assert.Equal((fingerprint, "Jörg <j@example.com>"), (b.Signature!.SignerFingerprint, b.Signature.SignerUserId)));
        var status = gpg.Verify(catalog["by-mirror.tar.gz.sig"], catalog["by-mirror.tar.gz"], gpg.KeyringFrom(incoming["jorg.asc"]));
        Assert.Contains(status, l => l.StartsWith($"VALIDSIG {fingerprint}", StringComparison.Ordinal));
    }

    /// <summary>
    /// The user id shown for a key is the one gpg shows: not a revoked one (<c>--quick-revoke-uid</c>), and the one
    /// carrying the primary-user-id flag (<c>--quick-set-primary-uid</c>) even when it is not the first; in
    /// <c>keys list</c> (table and JSON), in report.json's signer_user_id and in the pages' "Signed by".
    /// </summary>
    [Theory]
    [Trait(Categories.Key, Categories.Integration)]
    [InlineData("first revoked")]
    [InlineData("second primary")]
    [InlineData("second added")]
    public void The_user_id_shown_is_the_primary_one_gpg_shows(string change)
    {
        const string First = "First Name <first@example.com>";
        const string Second = "Second Name <second@example.com>";
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey(First);
        string[] unlocked = ["--pinentry-mode", "loopback", "--passphrase", ""];
        // Self-signatures carry whole seconds: the second user id's must be the newer one.
        Thread.Sleep(1_100);
        gpg.Run([.. unlocked, "--quick-add-uid", fingerprint, Second]);
        if (change == "first revoked")
            gpg.Run([.. unlocked, "--quick-revoke-uid", fingerprint, First]);
        else if (change == "second primary")
            gpg.Run([.. unlocked, "--quick-set-primary-uid", fingerprint, Second]);
        Assert.Equal(Second, GpgPrimaryUserId(gpg, fingerprint));
        var exported = gpg.ExportPublic(fingerprint);
        // Both user ids are still in the key, the first one first: a first-user-id pick would show First.
        Assert.Equal([First, Second], KeyFileReader.ReadPublicKeys(exported, "key").Single().GetPublicKey().GetRawUserIds().Select(Encoding.UTF8.GetString));

        using var catalog = new TestCatalog().TrustBytes(exported, "publisher.asc");
        var listed = JsonDocument.Parse(MirrorCli.Run("keys", "list", catalog.Dir, "--json").Stdout).RootElement.GetProperty("keys")[0];
        Assert.Equal((Second, true), (listed.GetProperty("user_id").GetString(), listed.GetProperty("mattermost_can_use").GetBoolean()));
        Assert.Contains($"{fingerprint}  {Second}  RSA-3072", MirrorCli.Run("keys", "list", catalog.Dir).Stdout);

        catalog.Add("signed.tar.gz", TarGz.Plugin("com.example.primaryuid", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["signed.tar.gz.sig"], gpg.DetachSign(catalog["signed.tar.gz"], fingerprint));
        var built = catalog.Build();
        Assert.Equal(ExitCodes.Success, built.ExitCode);
        Assert.Equal(Second, built.Bundles.Single().Signature!.SignerUserId);
        var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(catalog.SiteDir, "report.json"))).RootElement;
        Assert.Equal(Second, report.GetProperty("bundles")[0].GetProperty("signer_user_id").GetString());
        var pages = string.Join("\n", Directory.GetFiles(catalog.SiteDir, "*.html", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains("Second Name", pages);
        Assert.DoesNotContain("First Name", pages);

        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["publisher.asc"], exported);
        using var other = new TestCatalog();
        var added = MirrorCli.Run("keys", "add", incoming["publisher.asc"], other.Dir);
        Assert.Equal((ExitCodes.Success, $"added {fingerprint} {Second} -> keys/{fingerprint}.asc\n"), (added.Code, added.Stdout));
    }

    /// <summary>The first user id gpg lists for a key that is not revoked: its primary one (gpg lists that one first).</summary>
    private static string GpgPrimaryUserId(Gpg gpg, string fingerprint) =>
        gpg.Run(["--with-colons", "--list-keys", fingerprint]).Stdout.Split('\n')
            .First(l => l.StartsWith("uid:", StringComparison.Ordinal) && !l.StartsWith("uid:r:", StringComparison.Ordinal)).Split(':')[9];

    /// <summary>SHA-256 self-signatures are checked by the platform, SHA-1 ones by BouncyCastle: both over the user id's own bytes.</summary>
    [Theory]
    [InlineData(HashAlgorithmTag.Sha256)]
    [InlineData(HashAlgorithmTag.Sha1)]
    public void A_user_id_that_is_not_UTF8_is_shown_escaped_and_its_key_still_lists_adds_signs_and_verifies(HashAlgorithmTag selfSignatureHash)
    {
        // Latin-1 "ö", then an escape sequence that would clear a terminal.
        var key = TestKey.RsaWithRawUserId([.. "Bj"u8, 0xF6, .. "rn\u001b[2J <bjorn@example.com>"u8], selfSignatureHash);
        const string Shown = @"Bj\xf6rn\x1b[2J <bjorn@example.com>";
        using var catalog = new TestCatalog().Trust(key, "bjorn.asc");

        var listed = JsonDocument.Parse(MirrorCli.Run("keys", "list", catalog.Dir, "--json").Stdout).RootElement.GetProperty("keys")[0];
        Assert.Equal((Shown, true), (listed.GetProperty("user_id").GetString(), listed.GetProperty("mattermost_can_use").GetBoolean()));
        var table = MirrorCli.Run("keys", "list", catalog.Dir);
        Assert.Equal(ExitCodes.Success, table.Code);
        Assert.Contains($"{key.Fingerprint}  {Shown}  RSA-2048", table.Stdout);
        Assert.DoesNotContain('\u001b', table.Stdout);

        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["bjorn.asc"], key.PublicArmored);
        File.WriteAllBytes(incoming["bjorn-private.asc"], key.PrivateArmored);
        using var other = new TestCatalog();
        var added = MirrorCli.Run("keys", "add", incoming["bjorn.asc"], other.Dir);
        Assert.Equal((ExitCodes.Success, $"added {key.Fingerprint} {Shown} -> keys/{key.Fingerprint}.asc\n"), (added.Code, added.Stdout));

        catalog.Add("signed.tar.gz", TarGz.Plugin("com.example.bjorn", "1.0.0").Build(), null);
        var signed = MirrorCli.Run("sign", catalog["signed.tar.gz"], "--key", incoming["bjorn-private.asc"]);
        Assert.Equal((ExitCodes.Success, $"signed {catalog["signed.tar.gz"]} -> {catalog["signed.tar.gz"]}.sig (key {key.Fingerprint}, {Shown})\n"),
            (signed.Code, signed.Stdout));
        var built = catalog.Build();
        Assert.Equal(ExitCodes.Success, built.ExitCode);
        Assert.Equal(Shown, built.Bundles.Single().Signature!.SignerUserId);
    }

    [Theory]
    [InlineData(new byte[] { 0x4A, 0xC3, 0xB6, 0x72, 0x67 }, true, "Jörg")]
    [InlineData(new byte[] { 0x4A, 0xF6, 0x72, 0x67 }, false, @"J\xf6rg")]
    [InlineData(new byte[] { 0x4A, 0xC3 }, false, @"J\xc3")]
    [InlineData(new byte[] { 0xC0, 0xAF, 0x41 }, false, @"\xc0\xafA")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, false, @"\xed\xa0\x80")]
    [InlineData(new byte[] { 0x41, 0x0A, 0x42, 0x00, 0x7F }, true, @"A\x0aB\x00\x7f")]
    [InlineData(new byte[] { 0xE2, 0x80, 0xAE, 0x41, 0xF0, 0x9F, 0x94, 0x91 }, true, "\\u202eA\U0001F511")]
    public void Display_escapes_bytes_that_are_not_UTF8_and_control_and_reordering_characters(byte[] userId, bool isUtf8, string shown)
    {
        Assert.Equal(shown, UserIds.Display(userId));
        Assert.Equal(isUtf8, UserIds.Utf8(userId) is not null);
    }
}
