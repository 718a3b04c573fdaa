using Mirror.Core;
using Mirror.OpenPgp.Verification;
using Mirror.Tests.Support;

namespace Mirror.Tests.Hardening;

/// <summary>Keys Mattermost cannot use are listed by `keys list` but never published in the site's keys/, nor verify anything.</summary>
public sealed class PublishedKeysTests
{
    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void An_eddsa_key_is_not_written_into_the_site()
    {
        using var gpg = new Gpg();
        var ed25519 = gpg.GenerateKey("Ed Publisher <ed@example.com>", "ed25519");
        using var catalog = TestCatalog.WithGoodBundle().TrustBytes(gpg.ExportPublic(ed25519), "ed.asc");

        Assert.Equal(ExitCodes.Success, catalog.Build().ExitCode);

        var keys = Path.Combine(catalog.SiteDir, "keys");
        Assert.Equal([$"{SharedKeys.Trusted.Fingerprint}.asc", "mirror-trusted-keys.asc"],
            Directory.EnumerateFiles(keys).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var all = gpg.KeyringFrom(Path.Combine(keys, "mirror-trusted-keys.asc"));
        Assert.DoesNotContain(ed25519, Tool.MustRun("gpg", ["--no-default-keyring", "--keyring", all, "--with-colons", "--list-keys"]).Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ed25519, File.ReadAllText(Path.Combine(catalog.SiteDir, "setup.html")), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ed25519, MirrorCli.Run("keys", "list", catalog.Dir).Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [Trait(Categories.Key, Categories.Integration)]
    [InlineData("brainpoolP256r1")]
    [InlineData("secp256k1")]
    public void An_ecdsa_key_on_a_curve_Mattermost_cannot_read_verifies_nothing_and_is_not_written_into_the_site(string curve)
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey($"Curve Publisher <{curve}@example.com>", curve);
        using var catalog = TestCatalog.WithGoodBundle().TrustBytes(gpg.ExportPublic(fingerprint), "curve.asc");
        catalog.Add("curve.tar.gz", TarGz.Plugin("com.example.curve", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["curve.tar.gz.sig"], gpg.DetachSign(catalog["curve.tar.gz"], fingerprint));

        var result = catalog.Build();

        Assert.Equal(ExitCodes.PartiallyPublished, result.ExitCode);
        var refused = result.Bundles.Single(b => !b.IsPublished);
        Assert.Equal((SignatureRefusal.UnsupportedKeyAlgorithm, $"curve.tar.gz: signed with key {fingerprint}: " +
            $"ECDSA on curve {curve}, which Mattermost cannot verify: it verifies ECDSA on NIST P-256, P-384 and P-521 only"), (refused.ReasonCode, refused.Reason));
        var keys = Path.Combine(catalog.SiteDir, "keys");
        Assert.Equal([$"{SharedKeys.Trusted.Fingerprint}.asc", "mirror-trusted-keys.asc"],
            Directory.EnumerateFiles(keys).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var all = gpg.KeyringFrom(Path.Combine(keys, "mirror-trusted-keys.asc"));
        Assert.DoesNotContain(fingerprint, Tool.MustRun("gpg", ["--no-default-keyring", "--keyring", all, "--with-colons", "--list-keys"]).Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [Trait(Categories.Key, Categories.Integration)]
    [InlineData("cv25519", "ECDH on curve Curve25519", null)]
    [InlineData("brainpoolP256r1", "ECDH on curve brainpoolP256r1", null)]
    [InlineData("ed25519/sign", "EdDSA (Ed25519)", "eddsa: EdDSA (Ed25519) signing key; Mattermost cannot verify EdDSA signatures")]
    public void An_rsa_key_with_a_subkey_Mattermost_cannot_read_verifies_nothing_keys_add_and_sign_refuse_it(string subkey, string what, string? warning)
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Mixed Publisher <mixed@example.com>");
        var (algorithm, usage) = subkey.Contains('/') ? (subkey.Split('/')[0], subkey.Split('/')[1]) : (subkey, "encr");
        var sub = gpg.AddSubkey(fingerprint, algorithm, usage);
        var reason = $"its subkey {sub} is {what}, which Mattermost's key parser cannot read, so a server skips the whole key";
        using var catalog = TestCatalog.WithGoodBundle().TrustBytes(gpg.ExportPublic(fingerprint), "mixed.asc");
        catalog.Add("mixed.tar.gz", TarGz.Plugin("com.example.mixed", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["mixed.tar.gz.sig"], gpg.DetachSign(catalog["mixed.tar.gz"], fingerprint + "!"));

        var result = catalog.Build();

        var refused = result.Bundles.Single(b => !b.IsPublished);
        Assert.Equal((SignatureRefusal.UnsupportedKeyAlgorithm, $"mixed.tar.gz: signed with key {fingerprint}: {reason}"), (refused.ReasonCode, refused.Reason));
        Assert.Equal([$"{SharedKeys.Trusted.Fingerprint}.asc", "mirror-trusted-keys.asc"],
            Directory.EnumerateFiles(Path.Combine(catalog.SiteDir, "keys")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        warning ??= $"unreadable-key: {reason}";
        var listed = MirrorCli.Run("keys", "list", catalog.Dir, "--json").Stdout;
        Assert.Contains(warning, listed, StringComparison.Ordinal);

        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["mixed.asc"], gpg.ExportPublic(fingerprint));
        using var fresh = new TestCatalog();
        var added = MirrorCli.Run("keys", "add", incoming["mixed.asc"], fresh.Dir);
        Assert.Equal((ExitCodes.BadUsage, $"mirror: {incoming["mixed.asc"]}: key {fingerprint} cannot verify plugins for Mattermost ({warning[(warning.IndexOf(": ", StringComparison.Ordinal) + 2)..]}); nothing added\n"),
            (added.Code, added.Stderr));
        File.WriteAllBytes(incoming["mixed-secret.asc"], gpg.ExportSecret(fingerprint));
        var signed = MirrorCli.Run("sign", catalog["mixed.tar.gz"], "--key", incoming["mixed-secret.asc"]);
        Assert.Equal(ExitCodes.BadUsage, signed.Code);
        Assert.Contains($"key {fingerprint}: {reason}; make an RSA key with `mirror keys generate`", signed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void A_readable_copy_of_a_key_whose_trusted_copy_Mattermost_skips_is_added_and_used()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Fixed Publisher <fixed@example.com>");
        var clean = gpg.ExportPublic(fingerprint);
        var sub = gpg.AddSubkey(fingerprint, "cv25519", "encr");
        using var catalog = TestCatalog.WithGoodBundle().TrustBytes(gpg.ExportPublic(fingerprint), "a-bad-copy.asc");
        catalog.Add("fixed.tar.gz", TarGz.Plugin("com.example.fixed", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["fixed.tar.gz.sig"], gpg.DetachSign(catalog["fixed.tar.gz"], fingerprint + "!"));
        Assert.Single(catalog.Build().Bundles, b => !b.IsPublished);
        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["clean.asc"], clean);

        var added = MirrorCli.Run("keys", "add", incoming["clean.asc"], catalog.Dir);

        Assert.Equal(ExitCodes.Success, added.Code);
        Assert.StartsWith($"added {fingerprint} Fixed Publisher <fixed@example.com> -> keys/{fingerprint}.asc\n", added.Stdout, StringComparison.Ordinal);
        Assert.Contains($"replaces, as the copy used, the trusted copy in keys/a-bad-copy.asc, which Mattermost cannot use (its subkey {sub} is", added.Stderr, StringComparison.Ordinal);
        Assert.All(catalog.Build().Bundles, b => Assert.True(b.IsPublished, b.Reason));
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void A_readable_copy_never_revives_a_revoked_key_nor_writes_over_a_file_holding_the_unreadable_copy()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Revoked Publisher <revoked@example.com>");
        var clean = gpg.ExportPublic(fingerprint);
        gpg.AddSubkey(fingerprint, "cv25519", "encr");
        var unreadable = gpg.ExportPublic(fingerprint);
        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["clean.asc"], clean);

        // The unreadable copy and its revocation certificate in one file, as gpg's revocation is often kept.
        using var revoked = TestCatalog.WithGoodBundle().TrustBytes([.. unreadable, .. gpg.GenerateRevocation(fingerprint)], $"{fingerprint}.asc");
        revoked.Add("revoked.tar.gz", TarGz.Plugin("com.example.revoked", "1.0.0").Build(), null);
        File.WriteAllBytes(revoked["revoked.tar.gz.sig"], gpg.DetachSign(revoked["revoked.tar.gz"], fingerprint + "!"));
        var added = MirrorCli.Run("keys", "add", incoming["clean.asc"], revoked.Dir);
        Assert.Equal((ExitCodes.Success, $"already trusted {fingerprint} Revoked Publisher <revoked@example.com> (keys/{fingerprint}.asc); not added again\n"),
            (added.Code, added.Stdout));
        Assert.Single(revoked.Build().Bundles, b => !b.IsPublished);

        // Without a revocation: the file is not written over (it could hold one), and says how to replace the copy.
        using var catalog = new TestCatalog().TrustBytes(unreadable, $"{fingerprint}.asc");
        var refused = MirrorCli.Run("keys", "add", incoming["clean.asc"], catalog.Dir);
        Assert.Equal(ExitCodes.BadUsage, refused.Code);
        Assert.StartsWith($"mirror: keys/{fingerprint}.asc holds a copy of key {fingerprint} that Mattermost cannot use (its subkey ", refused.Stderr, StringComparison.Ordinal);
        Assert.EndsWith($"remove it (`mirror keys remove {fingerprint}`), then add this copy; nothing more added\n", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(unreadable, File.ReadAllBytes(catalog[$"keys/{fingerprint}.asc"]));
    }
}
