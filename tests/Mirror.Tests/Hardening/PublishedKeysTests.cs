using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Hardening;

/// <summary>Keys Mattermost cannot use are listed by `keys list` but never published in the site's keys/.</summary>
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
}
