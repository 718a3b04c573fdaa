using System.Text.Json;
using Mirror.Core;
using Mirror.OpenPgp;
using Mirror.OpenPgp.Keys;
using Mirror.Tests.Support;

namespace Mirror.Tests.Keys;

/// <summary>
/// A revocation certificate in <c>keys/</c>, beside the key it revokes: the key is revoked as if the revocation were
/// in its own block; one that revokes no trusted key is a warning naming its file.
/// </summary>
public sealed class RevocationCertificateTests
{
    private const string Warned = "mirror: warning: ";

    [Theory]
    [Trait(Categories.Key, Categories.Integration)]
    [InlineData("gen-revoke armored")]
    [InlineData("gen-revoke binary")]
    [InlineData("kept by gpg")]
    [InlineData("after the key")]
    public void A_gpg_revocation_certificate_beside_the_key_revokes_it_for_list_verify_and_build(string form)
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Revoked Publisher <revoked@example.com>");
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted).TrustBytes(gpg.ExportPublic(fingerprint), "publisher.asc");
        catalog.Add("other.tar.gz", TarGz.Plugin("com.example.other", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        catalog.Add("revoked.tar.gz", TarGz.Plugin("com.example.revoked", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["revoked.tar.gz.sig"], gpg.DetachSign(catalog["revoked.tar.gz"], fingerprint));
        Assert.Equal(ExitCodes.Success, catalog.Build().ExitCode);

        var (file, certificate) = form switch
        {
            "gen-revoke armored" => ("rev.asc", gpg.GenerateRevocation(fingerprint)),
            "gen-revoke binary" => ("rev.gpg", gpg.GenerateRevocation(fingerprint, armor: false)),
            "kept by gpg" => ($"{fingerprint}.rev", File.ReadAllBytes(gpg.KeptRevocation(fingerprint))),
            _ => ("publisher.asc", [.. gpg.ExportPublic(fingerprint), .. gpg.GenerateRevocation(fingerprint)]),
        };
        catalog.TrustBytes(certificate, file);

        var list = MirrorCli.Run("keys", "list", catalog.Dir, "--json");
        Assert.Equal((ExitCodes.Success, ""), (list.Code, list.Stderr));
        var key = JsonDocument.Parse(list.Stdout).RootElement.GetProperty("keys").EnumerateArray()
            .Single(k => k.GetProperty("fingerprint").GetString() == fingerprint);
        Assert.False(key.GetProperty("mattermost_can_use").GetBoolean());
        Assert.Equal(["revoked: the key is revoked"], key.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!));

        // The build that published the bundle before is cached: the certificate changes the key, so the verdict too.
        var built = catalog.Build();
        Assert.Equal(ExitCodes.PartiallyPublished, built.ExitCode);
        var refused = built.Bundles.Single(b => !b.IsPublished);
        Assert.Equal(("revoked.tar.gz", "key-revoked"), (refused.Candidate.RelativePath, refused.ReasonCode));
        Assert.Equal(["other.tar.gz"], built.Bundles.Where(b => b.IsPublished).Select(b => b.Candidate.RelativePath));
        Assert.False(File.Exists(Path.Combine(catalog.SiteDir, "keys", $"{fingerprint}.asc")));
        var published = KeyFileReader.ReadPublicKeys(Path.Combine(catalog.SiteDir, "keys", "mirror-trusted-keys.asc"), "published");
        Assert.Equal([SharedKeys.Trusted.Fingerprint], published.Select(r => Fingerprints.Of(r.GetPublicKey())));

        var verify = MirrorCli.Run("verify", catalog.Dir, "--json");
        Assert.Equal((ExitCodes.PartiallyPublished, ""), (verify.Code, verify.Stderr));
        Assert.Contains("\"reason_code\": \"key-revoked\"", verify.Stdout);

        // The same files given to `verify BUNDLE --keys`: the certificate applies there too.
        var keyFiles = Directory.GetFiles(catalog["keys"]).Where(f => !f.EndsWith("trusted.asc", StringComparison.Ordinal)).SelectMany(f => new[] { "--keys", f });
        var bundle = MirrorCli.Run(["verify", catalog["revoked.tar.gz"], .. keyFiles]);
        Assert.Equal(ExitCodes.Failure, bundle.Code);
        Assert.Contains($"key {fingerprint} is revoked", bundle.Stdout);
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void A_damaged_gpg_certificate_and_one_by_a_key_not_trusted_revoke_nothing_and_are_warnings_naming_the_file()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Kept Publisher <kept@example.com>");
        var stranger = gpg.GenerateKey("Stranger <stranger@example.com>");
        var damaged = gpg.GenerateRevocation(fingerprint, armor: false);
        damaged[^10] ^= 0x55; // inside the signature's value
        using var catalog = new TestCatalog().TrustBytes(gpg.ExportPublic(fingerprint), "publisher.asc")
            .TrustBytes(damaged, "damaged.gpg")
            .TrustBytes(File.ReadAllBytes(gpg.KeptRevocation(stranger)), "stranger.rev");
        catalog.Add("kept.tar.gz", TarGz.Plugin("com.example.kept", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["kept.tar.gz.sig"], gpg.DetachSign(catalog["kept.tar.gz"], fingerprint));
        var expected = $"{Warned}keys/damaged.gpg: revocation certificate for key {fingerprint} does not verify (damaged, or not made by that key): it revokes nothing\n" +
            $"{Warned}keys/stranger.rev: revocation certificate by key {stranger[^16..]}, which is not a trusted key: it revokes nothing\n";

        var list = MirrorCli.Run("keys", "list", catalog.Dir, "--json");
        Assert.Equal((ExitCodes.Success, expected), (list.Code, list.Stderr));
        Assert.True(JsonDocument.Parse(list.Stdout).RootElement.GetProperty("keys")[0].GetProperty("mattermost_can_use").GetBoolean());

        var verify = MirrorCli.Run("verify", catalog.Dir);
        Assert.Equal((ExitCodes.Success, expected), (verify.Code, verify.Stderr));

        var build = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--json");
        Assert.Equal(ExitCodes.Success, build.Code);
        var warnings = JsonDocument.Parse(build.Stdout).RootElement.GetProperty("warnings").EnumerateArray()
            .Select(w => $"{Warned}{w.GetProperty("file").GetString()}: {w.GetProperty("warning").GetString()}\n");
        Assert.Equal(expected, string.Concat(warnings));
        Assert.True(File.Exists(Path.Combine(catalog.SiteDir, "keys", $"{fingerprint}.asc")));
    }

    [Fact]
    public void A_forged_certificate_is_a_warning_and_a_real_one_beside_it_still_revokes()
    {
        var key = TestKey.Rsa("Forged For <forged@example.com>", bits: 3072);
        var primary = key.PublicRing.GetPublicKey();
        // Made by another key, naming this one as its maker: the maths cannot hold.
        var forged = SharedKeys.Stranger.RevocationOf(primary, claimedIssuer: primary.KeyId);
        using var catalog = new TestCatalog().Trust(key, "key.asc").TrustBytes(Armor.Wrap(forged.Encode), "forged.asc");
        catalog.Add("signed.tar.gz", TarGz.Plugin("com.example.signed", "1.0.0").Build(), b => key.Sign(b));

        var build = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);
        Assert.Equal(ExitCodes.Success, build.Code);
        Assert.Contains($"{Warned}keys/forged.asc: revocation certificate for key {key.Fingerprint} does not verify (damaged, or not made by that key): it revokes nothing\n",
            build.Stderr);

        catalog.TrustBytes(key.RevocationOf(primary).GetEncoded(), "real.gpg");
        var revoked = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--json");
        Assert.Equal(ExitCodes.Failure, revoked.Code);
        var report = JsonDocument.Parse(revoked.Stdout).RootElement;
        Assert.Equal("key-revoked", report.GetProperty("rejections")[0].GetProperty("reason_code").GetString());
        Assert.Equal(["keys/forged.asc"], report.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("file").GetString()!));
    }

    [Fact]
    public void Any_other_signature_in_keys_is_still_an_error_naming_the_file()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted).TrustBytes(SharedKeys.Trusted.Sign("data"u8.ToArray(), armor: true), "data.asc");

        var result = MirrorCli.Run("keys", "list", catalog.Dir);

        Assert.Equal((ExitCodes.BadUsage, "mirror: keys/data.asc: holds OpenPGP data that is not a public key or key revocation certificate (a signature)\n"),
            (result.Code, result.Stderr));
    }

    [Fact]
    public void Keys_remove_keeps_the_certificates_of_the_keys_it_keeps_and_drops_those_of_the_keys_it_removes()
    {
        var kept = TestKey.Rsa("Kept <kept@example.com>");
        var removed = TestKey.Rsa("Removed <removed@example.com>");
        // One armored block each (`cat`): in one block, a certificate right after a key would be read as part of it.
        byte[] both = [.. kept.PublicArmored, .. Armor.Wrap(kept.RevocationOf(kept.PublicRing.GetPublicKey()).Encode),
            .. removed.PublicArmored, .. Armor.Wrap(removed.RevocationOf(removed.PublicRing.GetPublicKey()).Encode)];
        using var catalog = new TestCatalog().TrustBytes(both, "both.asc");

        var result = MirrorCli.Run("keys", "remove", removed.Fingerprint, catalog.Dir);

        Assert.Equal(ExitCodes.Success, result.Code);
        var (keys, revocations) = KeyFileReader.ReadTrustedKeys(catalog["keys/both.asc"], "both.asc");
        Assert.Equal([kept.Fingerprint], keys.Select(r => Fingerprints.Of(r.GetPublicKey())));
        Assert.Equal([kept.PublicRing.GetPublicKey().KeyId], revocations.Select(r => r.KeyId));
        var list = MirrorCli.Run("keys", "list", catalog.Dir);
        Assert.Equal("", list.Stderr);
        Assert.Contains("revoked: the key is revoked", list.Stdout);
    }

    /// <summary>gpg keeps a certificate in a file of its own (FINGERPRINT.rev): left behind, it would revoke nothing and warn on every run.</summary>
    [Fact]
    public void Keys_remove_also_removes_the_removed_keys_certificate_kept_in_a_file_of_its_own()
    {
        var kept = TestKey.Rsa("Kept <kept@example.com>");
        var removed = TestKey.Rsa("Removed <removed@example.com>");
        using var catalog = new TestCatalog().TrustBytes(kept.PublicArmored, "kept.asc").TrustBytes(removed.PublicArmored, "removed.asc")
            .TrustBytes(Armor.Wrap(removed.RevocationOf(removed.PublicRing.GetPublicKey()).Encode), $"{removed.Fingerprint}.rev")
            .TrustBytes(Armor.Wrap(kept.RevocationOf(kept.PublicRing.GetPublicKey()).Encode), $"{kept.Fingerprint}.rev");

        var result = MirrorCli.Run("keys", "remove", removed.Fingerprint, catalog.Dir);

        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Contains($"keys/{removed.Fingerprint}.rev", result.Stdout);
        Assert.False(File.Exists(catalog[$"keys/{removed.Fingerprint}.rev"]));
        Assert.False(File.Exists(catalog["keys/removed.asc"]));
        Assert.True(File.Exists(catalog[$"keys/{kept.Fingerprint}.rev"]));
        var list = MirrorCli.Run("keys", "list", catalog.Dir);
        Assert.Equal("", list.Stderr);
        Assert.Contains("revoked: the key is revoked", list.Stdout);
        Assert.DoesNotContain(removed.Fingerprint, list.Stdout);
    }

    /// <summary>Only keys/' own files are read: a folder there (gpg's openpgp-revocs.d, copied whole) is said, not skipped silently.</summary>
    [Fact]
    public void A_folder_inside_keys_is_a_warning_naming_it_and_a_hidden_one_is_not()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        Directory.CreateDirectory(Path.Combine(catalog["keys"], "openpgp-revocs.d"));
        File.WriteAllText(Path.Combine(catalog["keys"], "openpgp-revocs.d", "ABCD.rev"), "not read");
        Directory.CreateDirectory(Path.Combine(catalog["keys"], ".git"));
        const string expected = $"{Warned}keys/openpgp-revocs.d: is a folder; only the files directly in keys/ are read, so no key or revocation certificate in it is used\n";

        var list = MirrorCli.Run("keys", "list", catalog.Dir);
        Assert.Equal((ExitCodes.Success, expected), (list.Code, list.Stderr));

        var build = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--json");
        Assert.Equal(ExitCodes.Success, build.Code);
        var warning = Assert.Single(JsonDocument.Parse(build.Stdout).RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Equal("keys/openpgp-revocs.d", warning.GetProperty("file").GetString());
    }

    /// <summary>A folder's name is printed escaped, as a bundle's is: a newline in it must not forge a line of output.</summary>
    [Fact]
    public void A_folder_inside_keys_is_named_with_its_control_characters_escaped()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        Directory.CreateDirectory(Path.Combine(catalog["keys"], "evil\nmirror: all good\u001b[31m\u202e"));
        const string expected = $"{Warned}keys/evil\\x0amirror: all good\\x1b[31m\\u202e: is a folder; only the files directly in keys/ are read, so no key or revocation certificate in it is used\n";

        var list = MirrorCli.Run("keys", "list", catalog.Dir);
        Assert.Equal((ExitCodes.Success, expected), (list.Code, list.Stderr));

        var build = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--json");
        var warning = Assert.Single(JsonDocument.Parse(build.Stdout).RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Equal("keys/evil\\x0amirror: all good\\x1b[31m\\u202e", warning.GetProperty("file").GetString());
    }

    [Fact]
    public void A_key_file_is_named_with_its_control_characters_escaped()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        File.WriteAllText(Path.Combine(catalog["keys"], "bad\nmirror: all good.asc"), "not a key");

        var list = MirrorCli.Run("keys", "list", catalog.Dir);

        Assert.Equal(ExitCodes.BadUsage, list.Code);
        Assert.StartsWith("mirror: keys/bad\\x0amirror: all good.asc: ", list.Stderr);
        Assert.Single(list.Stderr.TrimEnd('\n').Split('\n'));
    }
}
