using Mirror.Core;
using Mirror.OpenPgp.Verification;
using Mirror.Tests.Support;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Bcpg.Sig;

namespace Mirror.Tests.Verification;

/// <summary>Every signature Mattermost could not verify, or that our policy refuses, is refused with its reason, each fed by a real file.</summary>
public sealed class SignatureRefusalTests
{
    private static readonly byte[] Bundle = TarGz.Plugin("com.example.signed", "1.0.0").Build();

    private static (string Code, string Reason, Core.Pipeline.BuildResult Result) BuildOne(Func<byte[], byte[]>? sign, TestKey? trusted = null)
    {
        using var catalog = new TestCatalog().Trust(trusted ?? SharedKeys.Trusted);
        catalog.Add("plugin.tar.gz", Bundle, sign);
        var result = catalog.Build();
        var bundle = Assert.Single(result.Bundles);
        return (bundle.ReasonCode, bundle.Reason, result);
    }

    [Fact]
    public void A_good_signature_publishes()
    {
        var (code, _, result) = BuildOne(b => SharedKeys.Trusted.Sign(b));
        Assert.Equal("", code);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public void A_bundle_without_signature_is_unsigned()
    {
        var (code, reason, result) = BuildOne(sign: null);
        Assert.Equal(SignatureRefusal.Missing, code);
        Assert.Equal("plugin.tar.gz: unsigned: no detached signature plugin.tar.gz.sig beside it", reason);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
    }

    [Fact]
    public void A_signature_of_another_file_is_bad()
    {
        var other = TarGz.Plugin("com.example.other", "1.0.0").Build();
        var (code, reason, _) = BuildOne(_ => SharedKeys.Trusted.Sign(other));
        Assert.Equal(SignatureRefusal.BadSignature, code);
        Assert.StartsWith("plugin.tar.gz: bad signature: the bundle's bytes do not match", reason);
    }

    [Fact]
    public void A_bundle_altered_after_signing_is_a_bad_signature_not_a_damaged_archive()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        var signature = SharedKeys.Trusted.Sign(Bundle);
        var altered = Bundle.ToArray();
        altered[altered.Length / 2] ^= 0xff;
        catalog.Add("plugin.tar.gz", altered, _ => signature);
        Assert.Equal(SignatureRefusal.BadSignature, Assert.Single(catalog.Build().Bundles).ReasonCode);
    }

    [Fact]
    public void A_signature_by_a_key_not_in_keys_is_an_unknown_signer()
    {
        var (code, reason, _) = BuildOne(b => SharedKeys.Stranger.Sign(b));
        Assert.Equal(SignatureRefusal.UnknownSigner, code);
        Assert.Contains($"key {SharedKeys.Stranger.Fingerprint[^16..]} is not among the trusted keys", reason);
    }

    [Fact]
    public void A_v6_signature_packet_is_refused_by_version()
    {
        var (code, reason, _) = BuildOne(b => SignaturePackets.AsVersion6(SharedKeys.Trusted.Sign(b)));
        Assert.True(code == SignatureRefusal.UnsupportedPacketVersion, reason);
        Assert.Contains("v6 signature packet; Mattermost verifies only v4 signatures", reason);
    }

    [Fact]
    public void A_signature_without_issuer_key_id_is_refused()
    {
        var (code, reason, _) = BuildOne(b => SignaturePackets.WithoutUnhashedSubpackets(SharedKeys.Trusted.Sign(b)));
        Assert.Equal(SignatureRefusal.NoIssuer, code);
        Assert.Contains("no issuer key id subpacket", reason);
    }

    [Fact]
    public void A_signature_by_a_revoked_key_is_refused()
    {
        var revoked = TestKey.Rsa("Revoked <revoked@example.com>", revoked: true);
        var (code, reason, _) = BuildOne(b => revoked.Sign(b), trusted: revoked);
        Assert.Equal(SignatureRefusal.KeyRevoked, code);
        Assert.Contains($"key {revoked.Fingerprint} is revoked", reason);
    }

    [Fact]
    public void A_signature_made_after_the_key_expired_is_refused()
    {
        var expired = TestKey.Rsa("Expired <expired@example.com>", expiresAfterSeconds: 86400);
        var (code, reason, _) = BuildOne(b => expired.Sign(b, at: TestKey.DefaultCreated.AddDays(10)), trusted: expired);
        Assert.Equal(SignatureRefusal.KeyExpired, code);
        Assert.Contains("expired on 2024-01-02, before the signature was made (2024-01-11)", reason);
    }

    [Fact]
    public void A_signature_made_before_the_key_expired_is_published_with_a_warning()
    {
        var expiring = TestKey.Rsa("Expiring <expiring@example.com>", expiresAfterSeconds: 20 * 86400);
        var (code, _, result) = BuildOne(b => expiring.Sign(b, at: TestKey.DefaultCreated.AddDays(10)), trusted: expiring);
        Assert.Equal("", code);
        Assert.Contains("signed-before-key-expiry: signed on 2024-01-11, before the key's expiry on 2024-01-21; " +
            "accepted, as a signature made while its key was valid stays valid", result.Bundles[0].Warnings);
    }

    [Fact]
    public void A_signature_by_a_key_without_the_sign_flag_is_refused()
    {
        var encryptOnly = TestKey.Rsa("Encrypt only <enc@example.com>", keyFlags: KeyFlags.EncryptComms | KeyFlags.EncryptStorage);
        var (code, reason, _) = BuildOne(b => encryptOnly.Sign(b), trusted: encryptOnly);
        Assert.Equal(SignatureRefusal.KeyCannotSign, code);
        Assert.Contains("is not allowed to sign", reason);
    }

    [Fact]
    public void A_sha1_signature_is_refused_as_weak()
    {
        var (code, reason, _) = BuildOne(b => SharedKeys.Trusted.Sign(b, hash: HashAlgorithmTag.Sha1));
        Assert.Equal(SignatureRefusal.WeakHash, code);
        Assert.Contains("weak hash SHA-1", reason);
    }

    [Fact]
    public void A_text_mode_signature_is_refused()
    {
        var (code, reason, _) = BuildOne(b => SharedKeys.Trusted.Sign(b, signatureType: PgpSignature.CanonicalTextDocument));
        Assert.Equal(SignatureRefusal.NotBinaryDocument, code);
        Assert.Contains("text-mode signature", reason);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, "not an OpenPGP signature: neither binary packets nor an ASCII-armored \"-----BEGIN PGP SIGNATURE-----\" block")]
    [InlineData(new byte[] { 0x89, 0x01, 0x00, 4, 0, 1, 2, 3 }, "not a readable OpenPGP signature: it is truncated or damaged")]
    [InlineData(new byte[0], "empty signature file")]
    public void Garbage_or_empty_signature_files_are_malformed(byte[] signature, string expected)
    {
        var (code, reason, _) = BuildOne(_ => signature);
        Assert.Equal(SignatureRefusal.Malformed, code);
        Assert.Contains(expected, reason);
    }

    [Fact]
    public void A_signature_packet_that_verifies_only_after_re_encoding_is_malformed()
    {
        // Found by the mutation test: a damaged hashed-subpacket length (0x05 -> 0x8D) that BouncyCastle reads
        // leniently and re-encodes, so the maths still holds, while GnuPG and Mattermost refuse the packet.
        var (code, reason, _) = BuildOne(b =>
        {
            var signature = SharedKeys.Trusted.Sign(b);
            var at = signature.AsSpan().IndexOf(new byte[] { 0x00, 0x06, 0x05, 0x02 });
            signature[at + 2] = 0x8D;
            return signature;
        });
        Assert.Equal(SignatureRefusal.Malformed, code);
        Assert.EndsWith("a signature packet is not encoded as OpenPGP requires (GnuPG and Mattermost would refuse it)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_wrapped_in_a_compressed_packet_is_malformed()
    {
        var (code, reason, _) = BuildOne(b =>
        {
            using var buffer = new MemoryStream();
            var compressor = new PgpCompressedDataGenerator(CompressionAlgorithmTag.Zip);
            using (var stream = compressor.Open(buffer))
                stream.Write(SharedKeys.Trusted.Sign(b));
            return buffer.ToArray();
        });
        Assert.Equal(SignatureRefusal.Malformed, code);
        Assert.EndsWith("the signature is wrapped in a compressed packet, which Mattermost does not read; sign with `gpg --detach-sign`", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_key_given_as_signature_is_malformed()
    {
        var (code, reason, _) = BuildOne(_ => SharedKeys.Trusted.PublicArmored);
        Assert.Equal(SignatureRefusal.Malformed, code);
        Assert.Contains("this is a key, not a detached signature", reason);
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void A_signature_by_an_ed25519_key_made_with_gpg_is_refused_naming_EdDSA()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Ed Publisher <ed@example.com>", "ed25519");
        using var catalog = new TestCatalog().TrustBytes(gpg.ExportPublic(fingerprint), "ed.asc");
        catalog.Add("plugin.tar.gz", Bundle, null);
        File.WriteAllBytes(catalog["plugin.tar.gz.sig"], gpg.DetachSign(catalog["plugin.tar.gz"], fingerprint));
        var bundle = Assert.Single(catalog.Build().Bundles);
        Assert.Equal(SignatureRefusal.EdDsaKey, bundle.ReasonCode);
        Assert.Contains("EdDSA/Ed25519", bundle.Reason);
    }
}
