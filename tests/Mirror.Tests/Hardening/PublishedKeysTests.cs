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
}
