using System.Text.RegularExpressions;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Verification;

/// <summary>Real interop both ways: gpg's signatures verify here, Mattermost's own signed test plugins publish, and what we publish verifies with gpgv.</summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class GpgInteropTests
{
    [Fact]
    public void Binary_and_armored_gpg_signatures_publish_and_the_published_site_verifies_with_gpgv()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Gpg Publisher <gpg@example.com>");
        using var catalog = new TestCatalog().TrustBytes(gpg.ExportPublic(fingerprint, armor: false), "publisher.gpg");
        catalog.Add("binary.tar.gz", TarGz.Plugin("com.example.binary", "1.0.0").Build(), null);
        catalog.Add("armored.tar.gz", TarGz.Plugin("com.example.armored", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["binary.tar.gz.sig"], gpg.DetachSign(catalog["binary.tar.gz"], fingerprint));
        File.WriteAllBytes(catalog["armored.tar.gz.sig"], gpg.DetachSign(catalog["armored.tar.gz"], fingerprint, armor: true));

        var result = catalog.Build();

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.All(result.Bundles, b => Assert.Equal(fingerprint, b.Signature!.SignerFingerprint));
        var keyring = gpg.KeyringFrom(Path.Combine(catalog.SiteDir, "keys", "mirror-trusted-keys.asc"));
        foreach (var bundle in result.Catalog.AllBundles)
        {
            var file = Path.Combine(catalog.SiteDir, bundle.SitePath);
            var status = gpg.Verify(file + ".sig", file, keyring);
            Assert.Contains(status, line => line.StartsWith($"VALIDSIG {fingerprint}", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("nistp256", "ECDSA")]
    [InlineData("dsa2048", "DSA")]
    [InlineData("rsa4096", "RSA")]
    public void Signatures_by_every_key_type_Mattermost_verifies_publish_and_a_tampered_bundle_is_refused(string algorithm, string name)
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey($"{name} Publisher <{algorithm}@example.com>", algorithm);
        using var catalog = new TestCatalog().TrustBytes(gpg.ExportPublic(fingerprint), "publisher.asc");
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["good.tar.gz.sig"], gpg.DetachSign(catalog["good.tar.gz"], fingerprint));
        catalog.Add("tampered.tar.gz", TarGz.Plugin("com.example.tampered", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["tampered.tar.gz.sig"], gpg.DetachSign(catalog["tampered.tar.gz"], fingerprint));
        File.WriteAllBytes(catalog["tampered.tar.gz"], TarGz.Plugin("com.example.tampered", "1.0.1").Build());

        var result = catalog.Build();

        Assert.Equal(ExitCodes.PartiallyPublished, result.ExitCode);
        var good = result.Bundles.Single(b => b.IsPublished);
        Assert.Equal((fingerprint, name), (good.Signature!.SignerFingerprint, good.Signature.KeyAlgorithm));
        Assert.Equal("bad-signature", result.Bundles.Single(b => !b.IsPublished).ReasonCode);
    }

    [Theory]
    [InlineData("SHA224")]
    [InlineData("SHA256")]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void Rsa_signatures_with_every_sha2_digest_publish_and_a_tampered_bundle_is_refused(string digest)
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey($"Digest Publisher <{digest}@example.com>");
        using var catalog = new TestCatalog().TrustBytes(gpg.ExportPublic(fingerprint), "publisher.asc");
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["good.tar.gz.sig"], gpg.DetachSign(catalog["good.tar.gz"], fingerprint, digest: digest));
        catalog.Add("tampered.tar.gz", TarGz.Plugin("com.example.tampered", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["tampered.tar.gz.sig"], gpg.DetachSign(catalog["tampered.tar.gz"], fingerprint, digest: digest));
        File.WriteAllBytes(catalog["tampered.tar.gz"], TarGz.Plugin("com.example.tampered", "1.0.1").Build());

        var result = catalog.Build();

        var good = result.Bundles.Single(b => b.Candidate.RelativePath == "good.tar.gz");
        Assert.True(good.IsPublished, good.Reason);
        Assert.Equal(digest.Insert(3, "-"), good.Signature!.HashAlgorithm);
        Assert.Equal("bad-signature", result.Bundles.Single(b => b.Candidate.RelativePath == "tampered.tar.gz").ReasonCode);
    }

    [Fact]
    public void Mattermost_server_test_plugins_and_development_key_publish()
    {
        var fixtures = RepoPaths.MattermostFixtures;
        using var catalog = new TestCatalog().TrustBytes(File.ReadAllBytes(Path.Combine(fixtures, "development-public-key.gpg")), "dev.gpg");
        File.Copy(Path.Combine(fixtures, "testplugin.tar.gz"), catalog["testplugin.tar.gz"]);
        File.Copy(Path.Combine(fixtures, "testplugin.tar.gz.sig"), catalog["testplugin.tar.gz.sig"]);
        File.Copy(Path.Combine(fixtures, "testplugin2.tar.gz"), catalog["testplugin2.tar.gz"]);
        File.Copy(Path.Combine(fixtures, "testplugin2.tar.gz.asc"), catalog["testplugin2.tar.gz.asc"]);

        var result = catalog.Build();

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(["testplugin", "testplugin2"], result.Catalog.Plugins.Select(p => p.Id));
        Assert.All(result.Bundles, b => Assert.Equal("F3FACE45E0DE642C8BD6A8E64C7C6562C192CC1F", b.Signature!.SignerFingerprint));
        Assert.StartsWith("data:image/svg+xml;base64,", result.Catalog.Plugins[0].Latest.Info.IconData, StringComparison.Ordinal);
    }

    [Fact]
    public void Mirror_verify_accepts_bundle_files_signed_by_gpg_binary_and_armored()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Gpg Publisher <gpg@example.com>");
        using var dir = new TempDir();
        File.WriteAllBytes(dir["publisher.asc"], gpg.ExportPublic(fingerprint));
        File.WriteAllBytes(dir["binary.tar.gz"], TarGz.Plugin("com.example.binary", "1.0.0").Build());
        File.WriteAllBytes(dir["armored.tar.gz"], TarGz.Plugin("com.example.armored", "1.0.0").Build());
        File.WriteAllBytes(dir["binary.tar.gz.sig"], gpg.DetachSign(dir["binary.tar.gz"], fingerprint));
        File.WriteAllBytes(dir["armored.tar.gz.asc"], gpg.DetachSign(dir["armored.tar.gz"], fingerprint, armor: true));

        var result = MirrorCli.Run("verify", dir["binary.tar.gz"], dir["armored.tar.gz"], "--keys", dir["publisher.asc"], "--json");

        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Equal(2, Regex.Count(result.Stdout, $"\"signer\": \"{fingerprint}\""));
        Assert.Contains($"\"signature_file\": \"{dir["armored.tar.gz.asc"]}\"", result.Stdout);
    }
}
