using System.Text.Json;
using Mirror.Core;
using Mirror.OpenPgp;
using Mirror.OpenPgp.Keys;
using Mirror.Tests.Support;
using Org.BouncyCastle.Bcpg.Sig;

namespace Mirror.Tests.Keys;

/// <summary><c>mirror keys list|add|remove</c> on a catalog's <c>keys/</c> folder.</summary>
public sealed class CatalogKeysTests
{
    private static readonly long SecondsToNextMonth = (long)(DateTime.UtcNow.AddDays(30) - TestKey.DefaultCreated).TotalSeconds;

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void List_shows_each_key_whether_Mattermost_can_use_it_and_why_not()
    {
        using var gpg = new Gpg();
        var ed25519 = gpg.GenerateKey("Ed Publisher <ed@example.com>", "ed25519");
        var soon = TestKey.Rsa("Soon <soon@example.com>", bits: 3072, expiresAfterSeconds: SecondsToNextMonth);
        var expired = TestKey.Rsa("Expired <expired@example.com>", expiresAfterSeconds: 86400);
        var revoked = TestKey.Rsa("Revoked <revoked@example.com>", revoked: true);
        var encryptOnly = TestKey.Rsa("Encrypt Only <encrypt@example.com>", keyFlags: KeyFlags.CertifyOther | KeyFlags.EncryptComms);
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted).Trust(SharedKeys.Stranger, "weak.asc").Trust(soon, "soon.asc")
            .Trust(expired, "expired.asc").Trust(revoked, "revoked.asc").Trust(encryptOnly, "encrypt.asc")
            .TrustBytes(gpg.ExportPublic(ed25519), "ed25519.asc");

        var result = MirrorCli.Run("keys", "list", catalog.Dir, "--json");

        Assert.Equal(ExitCodes.Success, result.Code);
        var keys = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("keys").EnumerateArray()
            .ToDictionary(k => k.GetProperty("fingerprint").GetString()!);
        void Expect(string fingerprint, bool usable, params string[] warnings)
        {
            var key = keys[fingerprint];
            Assert.Equal(usable, key.GetProperty("mattermost_can_use").GetBoolean());
            Assert.Equal(warnings, key.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!));
        }

        Expect(SharedKeys.Trusted.Fingerprint, true);
        Expect(SharedKeys.Stranger.Fingerprint, true, "weak-key: RSA-2048 is below the recommended 3072 bits");
        Expect(soon.Fingerprint, true, $"expires-soon: the key expires on {DateTime.UtcNow.AddDays(30):yyyy-MM-dd}, within 90 days");
        Expect(expired.Fingerprint, false, "weak-key: RSA-2048 is below the recommended 3072 bits", "expired: the key expired on 2024-01-02");
        Expect(revoked.Fingerprint, false, "weak-key: RSA-2048 is below the recommended 3072 bits", "revoked: the key is revoked");
        Expect(encryptOnly.Fingerprint, false, "weak-key: RSA-2048 is below the recommended 3072 bits",
            "cannot-sign: neither the key nor any subkey is allowed to sign");
        Expect(ed25519, false, "eddsa: EdDSA (Ed25519) signing key; Mattermost cannot verify EdDSA signatures");
        var trusted = keys[SharedKeys.Trusted.Fingerprint];
        Assert.Equal(("RSA", 3072, "keys/trusted.asc", SharedKeys.Trusted.Fingerprint[^16..], "2024-01-01T00:00:00Z", ""),
            (trusted.GetProperty("algorithm").GetString(), trusted.GetProperty("bits").GetInt32(), trusted.GetProperty("file").GetString(),
             trusted.GetProperty("long_key_id").GetString(), trusted.GetProperty("created").GetString(), trusted.GetProperty("expires").GetString()));

        var table = MirrorCli.Run("keys", "list", catalog.Dir).Stdout.Split('\n');
        Assert.Matches("^FINGERPRINT +USER ID +ALGORITHM +CREATED +EXPIRES +MATTERMOST +WARNINGS$", table[0]);
        Assert.Matches($"^{expired.Fingerprint} +Expired <expired@example.com> +RSA-2048 +2024-01-01 +2024-01-02 +UNUSABLE +weak-key: ",
            table.Single(l => l.StartsWith(expired.Fingerprint, StringComparison.Ordinal)));
        Assert.Matches($"^{ed25519} +Ed Publisher <ed@example.com> +EdDSA \\(Ed25519\\) +\\d{{4}}-", table.Single(l => l.StartsWith(ed25519, StringComparison.Ordinal)));
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void Add_copies_armored_and_binary_public_keys_and_reports_duplicates()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Gpg Publisher <gpg@example.com>");
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["gpg.gpg"], gpg.ExportPublic(fingerprint, armor: false));
        File.WriteAllBytes(incoming["trusted-again.asc"], SharedKeys.Trusted.PublicArmored);
        File.WriteAllBytes(incoming["generated.asc"], File.ReadAllBytes(GeneratedKeys.NoPassphrase.PublicFile));

        var result = MirrorCli.Run("keys", "add", incoming["gpg.gpg"], incoming["trusted-again.asc"], incoming["generated.asc"], catalog.Dir);

        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Equal(
            $"added {fingerprint} Gpg Publisher <gpg@example.com> -> keys/{fingerprint}.asc\n" +
            $"already trusted {SharedKeys.Trusted.Fingerprint} Trusted Publisher <trusted@example.com> (keys/trusted.asc); not added again\n" +
            $"added {GeneratedKeys.NoPassphrase.Fingerprint} Plain Publisher <plain@example.com> -> keys/{GeneratedKeys.NoPassphrase.Fingerprint}.asc\n",
            result.Stdout);
        Assert.Equal(3, Directory.GetFiles(catalog["keys"]).Length);

        var again = MirrorCli.Run("keys", "add", incoming["gpg.gpg"], catalog.Dir);
        Assert.Equal($"already trusted {fingerprint} Gpg Publisher <gpg@example.com> (keys/{fingerprint}.asc); not added again\n", again.Stdout);
        Assert.Equal(3, Directory.GetFiles(catalog["keys"]).Length);

        // The added key is what build trusts: a gpg signature by it publishes.
        catalog.Add("gpg.tar.gz", TarGz.Plugin("com.example.gpg", "1.0.0").Build(), null);
        File.WriteAllBytes(catalog["gpg.tar.gz.sig"], gpg.DetachSign(catalog["gpg.tar.gz"], fingerprint));
        Assert.Equal(ExitCodes.Success, catalog.Build().ExitCode);
    }

    [Fact]
    public void Add_with_no_catalog_argument_uses_the_catalog_folder_of_the_working_directory()
    {
        using var dir = new TempDir();
        var catalogDir = Directory.CreateDirectory(dir["catalog"]).FullName;

        var (code, stdout, _) = WorkingDirectory.In(dir.Path, () => MirrorCli.Run("keys", "add", GeneratedKeys.NoPassphrase.PublicFile));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal($"added {GeneratedKeys.NoPassphrase.Fingerprint} Plain Publisher <plain@example.com> -> keys/{GeneratedKeys.NoPassphrase.Fingerprint}.asc\n", stdout);
        Assert.True(File.Exists(Path.Combine(catalogDir, "keys", GeneratedKeys.NoPassphrase.Fingerprint + ".asc")));
    }

    [Fact]
    public void Add_refuses_a_private_key_and_copies_nothing()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["public.asc"], SharedKeys.Stranger.PublicArmored);

        var result = MirrorCli.Run("keys", "add", incoming["public.asc"], GeneratedKeys.NoPassphrase.PrivateFile, catalog.Dir);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal($"mirror: {GeneratedKeys.NoPassphrase.PrivateFile}: is a PRIVATE key; only public keys belong here " +
            "(export one with `gpg --armor --export`); nothing added\n", result.Stderr);
        Assert.Equal([catalog["keys/trusted.asc"]], Directory.GetFiles(catalog["keys"]));
    }

    [Fact]
    public void A_file_name_with_control_characters_is_printed_escaped()
    {
        using var catalog = new TestCatalog();
        using var incoming = new TempDir();
        var name = incoming["bad\nmirror: forged\u001b[31m.asc"];
        File.WriteAllText(name, "not a key");

        var result = MirrorCli.Run("keys", "add", name, catalog.Dir);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.StartsWith($"mirror: {incoming.Path}/bad\\x0amirror: forged\\x1b[31m.asc: ", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Add_refuses_missing_and_garbage_files()
    {
        using var catalog = new TestCatalog();
        using var incoming = new TempDir();
        File.WriteAllText(incoming["damaged.asc"], "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot base64 at all\n-----END PGP PUBLIC KEY BLOCK-----\n");
        File.WriteAllText(incoming["text.asc"], "hello, I am not a key\n");

        foreach (var (file, reason) in new[]
        {
            ("missing.asc", "no such file"),
            ("damaged.asc", "not a readable OpenPGP public key: it is truncated or damaged"),
            ("text.asc", "not an OpenPGP public key: neither binary OpenPGP data nor an ASCII-armored key block"),
        })
        {
            var result = MirrorCli.Run("keys", "add", incoming[file], catalog.Dir);
            Assert.Equal((ExitCodes.BadUsage, $"mirror: {incoming[file]}: {reason}; nothing added\n"), (result.Code, result.Stderr));
        }

        Assert.False(Directory.Exists(catalog["keys"]));
    }

    /// <summary>
    /// Bytes that BouncyCastle reads as some other OpenPGP object, or cannot finish reading, are refused in plain words,
    /// by <c>keys add</c> and by the loader of <c>keys/</c> alike: never a BouncyCastle class name nor its own message.
    /// </summary>
    [Theory]
    [InlineData("one-pass")]
    [InlineData("truncated binary")]
    [InlineData("truncated armored")]
    public void Add_and_list_refuse_other_OpenPGP_data_and_truncated_keys_in_plain_words(string form)
    {
        var binary = SharedKeys.Stranger.PublicRing.GetEncoded();
        var armored = SharedKeys.Stranger.PublicArmored;
        var (bytes, reason) = form switch
        {
            // An old-format one-pass signature packet (tag 4), as random bytes starting 0x90 are read.
            "one-pass" => ((byte[])[0x90, 0x0D, 0x03, 0x00, 0x08, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x01],
                "holds OpenPGP data that is not a public key (a signature)"),
            "truncated binary" => (binary[..(binary.Length / 2)], "not a readable OpenPGP public key: it is truncated or damaged"),
            _ => (armored[..(armored.Length / 2)], "not a readable OpenPGP public key: it is truncated or damaged"),
        };
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["bad.asc"], bytes);

        var added = MirrorCli.Run("keys", "add", incoming["bad.asc"], catalog.Dir);
        Assert.Equal((ExitCodes.BadUsage, $"mirror: {incoming["bad.asc"]}: {reason}; nothing added\n"), (added.Code, added.Stderr));

        catalog.TrustBytes(bytes, "bad.asc");
        var listed = MirrorCli.Run("keys", "list", catalog.Dir);
        var inKeys = reason.Replace("a public key (", "a public key or key revocation certificate (", StringComparison.Ordinal);
        Assert.Equal((ExitCodes.BadUsage, $"mirror: keys/bad.asc: {inKeys}\n"), (listed.Code, listed.Stderr));
        Assert.DoesNotContain("Pgp", added.Stderr + listed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Stream", added.Stderr + listed.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// A key with its own revocation certificate appended (<c>cat key.asc key.rev</c>) is a revoked key, as it would be
    /// in keys/: <c>keys add</c> says so, as for a key revoked inside its own block, not that the file holds a signature.
    /// </summary>
    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void Add_of_a_gpg_key_with_its_revocation_certificate_appended_says_the_key_is_revoked()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Revoked Publisher <revoked@example.com>");
        using var catalog = new TestCatalog();
        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["revoked.asc"], [.. gpg.ExportPublic(fingerprint), .. gpg.GenerateRevocation(fingerprint)]);
        var inBlock = TestKey.Rsa("In Block <in-block@example.com>", bits: 3072, revoked: true);
        File.WriteAllBytes(incoming["in-block.asc"], inBlock.PublicArmored);

        var appended = MirrorCli.Run("keys", "add", incoming["revoked.asc"], catalog.Dir);
        var revokedInBlock = MirrorCli.Run("keys", "add", incoming["in-block.asc"], catalog.Dir);

        Assert.Equal((ExitCodes.BadUsage, $"mirror: {incoming["revoked.asc"]}: key {fingerprint} cannot verify plugins for Mattermost " +
            "(the key is revoked); nothing added\n"), (appended.Code, appended.Stderr));
        Assert.Equal((ExitCodes.BadUsage, $"mirror: {incoming["in-block.asc"]}: key {inBlock.Fingerprint} cannot verify plugins for Mattermost " +
            "(the key is revoked); nothing added\n"), (revokedInBlock.Code, revokedInBlock.Stderr));
        Assert.False(Directory.Exists(catalog["keys"]));
    }

    [Fact]
    public void Add_refuses_a_key_with_a_revocation_certificate_of_another_key_appended()
    {
        var key = TestKey.Rsa("Key <key@example.com>", bits: 3072);
        var primary = key.PublicRing.GetPublicKey();
        using var catalog = new TestCatalog();
        using var incoming = new TempDir();
        var strangers = SharedKeys.Stranger.RevocationOf(SharedKeys.Stranger.PublicRing.GetPublicKey());
        File.WriteAllBytes(incoming["other.asc"], [.. key.PublicArmored, .. Armor.Wrap(strangers.Encode)]);
        var forged = SharedKeys.Stranger.RevocationOf(primary, claimedIssuer: primary.KeyId);
        File.WriteAllBytes(incoming["forged.asc"], [.. key.PublicArmored, .. Armor.Wrap(forged.Encode)]);

        var other = MirrorCli.Run("keys", "add", incoming["other.asc"], catalog.Dir);
        var forgedResult = MirrorCli.Run("keys", "add", incoming["forged.asc"], catalog.Dir);

        Assert.Equal((ExitCodes.BadUsage, $"mirror: {incoming["other.asc"]}: holds OpenPGP data that is not a public key " +
            "(a key revocation certificate for a key that is not in the file); nothing added\n"), (other.Code, other.Stderr));
        Assert.Equal((ExitCodes.BadUsage, $"mirror: {incoming["forged.asc"]}: holds OpenPGP data that is not a public key " +
            "(a key revocation certificate that does not verify: damaged, or not made by the key it names); nothing added\n"),
            (forgedResult.Code, forgedResult.Stderr));
        Assert.False(Directory.Exists(catalog["keys"]));
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void Add_refuses_an_ed25519_key_made_with_gpg_naming_EdDSA()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Ed Publisher <ed@example.com>", "ed25519");
        using var catalog = new TestCatalog();
        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["ed.asc"], gpg.ExportPublic(fingerprint));

        var result = MirrorCli.Run("keys", "add", incoming["ed.asc"], catalog.Dir);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal($"mirror: {incoming["ed.asc"]}: key {fingerprint} cannot verify plugins for Mattermost " +
            "(EdDSA (Ed25519) signing key; Mattermost cannot verify EdDSA signatures); nothing added\n", result.Stderr);
    }

    [Theory]
    [Trait(Categories.Key, Categories.Integration)]
    [InlineData("brainpoolP256r1")]
    [InlineData("brainpoolP384r1")]
    [InlineData("brainpoolP512r1")]
    [InlineData("secp256k1")]
    public void An_ecdsa_key_made_with_gpg_on_a_curve_Mattermost_cannot_read_is_unusable_and_add_refuses_it(string curve)
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey($"Curve Publisher <{curve}@example.com>", curve);
        var nist = gpg.GenerateKey("Nist Publisher <nist@example.com>", "nistp384");
        using var catalog = new TestCatalog().TrustBytes(gpg.ExportPublic(nist), "nist.asc");
        using var incoming = new TempDir();
        File.WriteAllBytes(incoming["curve.asc"], gpg.ExportPublic(fingerprint));
        var reason = $"the signing key is ECDSA on curve {curve}, which Mattermost cannot verify: it verifies ECDSA on NIST P-256, P-384 and P-521 only";

        var result = MirrorCli.Run("keys", "add", incoming["curve.asc"], catalog.Dir);

        Assert.Equal((ExitCodes.BadUsage, $"mirror: {incoming["curve.asc"]}: key {fingerprint} cannot verify plugins for Mattermost ({reason}); nothing added\n"),
            (result.Code, result.Stderr));
        catalog.TrustBytes(gpg.ExportPublic(fingerprint), "curve.asc");
        var keys = JsonDocument.Parse(MirrorCli.Run("keys", "list", catalog.Dir, "--json").Stdout).RootElement.GetProperty("keys").EnumerateArray()
            .ToDictionary(k => k.GetProperty("fingerprint").GetString()!, k => (k.GetProperty("mattermost_can_use").GetBoolean(),
                string.Join("|", k.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()))));
        Assert.Equal((false, $"unsupported-algorithm: {reason}"), keys[fingerprint]);
        Assert.Equal((true, ""), keys[nist]);
    }

    [Fact]
    public void Remove_by_fingerprint_or_long_key_id_keeps_the_other_keys_of_a_shared_file()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Stranger, "stranger.asc");
        var generated = KeyFileReader.ReadPublicKeys(GeneratedKeys.NoPassphrase.PublicFile, "generated").Single();
        var both = SharedKeys.Trusted.PublicRing.GetEncoded().Concat(generated.GetEncoded()).ToArray();
        catalog.TrustBytes(both, "both.gpg");

        var byKeyId = MirrorCli.Run("keys", "remove", "0x" + SharedKeys.Trusted.Fingerprint[^16..].ToLowerInvariant(), catalog.Dir);

        Assert.Equal(ExitCodes.Success, byKeyId.Code);
        Assert.Equal($"removed {SharedKeys.Trusted.Fingerprint} Trusted Publisher <trusted@example.com> (from keys/both.gpg)\n", byKeyId.Stdout);
        var left = MirrorCli.Run("keys", "list", catalog.Dir, "--json").Stdout;
        Assert.DoesNotContain(SharedKeys.Trusted.Fingerprint, left);
        Assert.Contains($"\"file\": \"keys/both.gpg\"", left);

        var byFingerprint = MirrorCli.Run("keys", "remove", SharedKeys.Stranger.Fingerprint, GeneratedKeys.NoPassphrase.Fingerprint, catalog.Dir);
        Assert.Equal(ExitCodes.Success, byFingerprint.Code);
        Assert.Empty(Directory.GetFiles(catalog["keys"]));
    }

    /// <summary>The keyring keeps one copy of a key that two files hold, but each file trusts it: it leaves both.</summary>
    [Fact]
    public void Remove_takes_a_key_out_of_every_file_that_holds_it_keeping_their_other_keys()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted, "A.asc").Trust(SharedKeys.Stranger, "stranger.asc");
        var generated = KeyFileReader.ReadPublicKeys(GeneratedKeys.NoPassphrase.PublicFile, "generated").Single();
        catalog.TrustBytes(Armor.Wrap(stream =>
        {
            SharedKeys.Trusted.PublicRing.Encode(stream);
            generated.Encode(stream);
        }), "A2.asc");

        var result = MirrorCli.Run("keys", "remove", SharedKeys.Trusted.Fingerprint, catalog.Dir);

        Assert.Equal((ExitCodes.Success,
            $"removed {SharedKeys.Trusted.Fingerprint} Trusted Publisher <trusted@example.com> (from keys/A.asc)\n" +
            $"removed {SharedKeys.Trusted.Fingerprint} Trusted Publisher <trusted@example.com> (from keys/A2.asc)\n"), (result.Code, result.Stdout));
        Assert.False(File.Exists(catalog["keys/A.asc"]));
        Assert.Equal([GeneratedKeys.NoPassphrase.Fingerprint],
            KeyFileReader.ReadPublicKeys(catalog["keys/A2.asc"], "A2.asc").Select(ring => Fingerprints.Of(ring.GetPublicKey())));
        var left = MirrorCli.Run("keys", "list", catalog.Dir, "--json").Stdout;
        Assert.DoesNotContain(SharedKeys.Trusted.Fingerprint, left);
        Assert.Contains(SharedKeys.Stranger.Fingerprint, left);
        Assert.Contains(GeneratedKeys.NoPassphrase.Fingerprint, left);
    }

    [Theory]
    [InlineData("0123456789ABCDEF", "mirror: no trusted key 0123456789ABCDEF in keys/; nothing removed (see `mirror keys list`)")]
    [InlineData("not-a-key", "mirror: \"not-a-key\" is not a fingerprint (40 hex digits) or long key id (16); nothing removed")]
    public void Remove_refuses_an_unknown_or_malformed_fingerprint_and_removes_nothing(string selector, string message)
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);

        var result = MirrorCli.Run("keys", "remove", SharedKeys.Trusted.Fingerprint, selector, catalog.Dir);

        Assert.Equal((ExitCodes.BadUsage, message + "\n"), (result.Code, result.Stderr));
        Assert.True(File.Exists(catalog["keys/trusted.asc"]));
    }

    [Fact]
    public void List_names_a_bad_key_file_of_the_catalog()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        File.WriteAllBytes(catalog["keys/private.asc"], File.ReadAllBytes(GeneratedKeys.NoPassphrase.PrivateFile));

        var result = MirrorCli.Run("keys", "list", catalog.Dir);

        Assert.Equal((ExitCodes.BadUsage, "mirror: keys/private.asc: is a PRIVATE key; only public keys belong here " +
            "(export one with `gpg --armor --export`)\n"), (result.Code, result.Stderr));
    }

    [Fact]
    public void A_missing_catalog_or_a_file_given_as_catalog_is_bad_usage()
    {
        var result = MirrorCli.Run("keys", "list", "/no/such/catalog");
        Assert.Equal((ExitCodes.BadUsage, "mirror: catalog folder \"/no/such/catalog\" does not exist\n"), (result.Code, result.Stderr));

        var file = MirrorCli.Run("keys", "list", GeneratedKeys.NoPassphrase.PublicFile);
        Assert.Equal((ExitCodes.BadUsage, $"mirror: catalog \"{GeneratedKeys.NoPassphrase.PublicFile}\" is a file, not a folder\n"), (file.Code, file.Stderr));
    }
}
