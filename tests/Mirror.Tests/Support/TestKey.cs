using Mirror.OpenPgp;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Bcpg.Sig;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Mirror.Tests.Support;

/// <summary>
/// A real OpenPGP key made with BouncyCastle, for the cases GnuPG will not make on request: keys that are expired,
/// revoked or not allowed to sign, and signatures with a chosen hash, type, time or packet layout.
/// </summary>
internal sealed class TestKey
{
    public const int CertifyAndSign = KeyFlags.CertifyOther | KeyFlags.SignData;

    private TestKey(PgpSecretKey secret, PgpPublicKeyRing publicRing)
    {
        Secret = secret;
        PublicRing = publicRing;
        privateKey = new Lazy<PgpPrivateKey>(() => secret.ExtractPrivateKey([]));
    }

    /// <summary>Extracted once: BouncyCastle validates an RSA key (slowly) every time it extracts it.</summary>
    private readonly Lazy<PgpPrivateKey> privateKey;

    public PgpSecretKey Secret { get; }

    public PgpPublicKeyRing PublicRing { get; }

    public string Fingerprint => Convert.ToHexString(PublicRing.GetPublicKey().GetFingerprint());

    public byte[] PublicArmored => Armor.Wrap(PublicRing.Encode);

    /// <summary>The private key, armored as a key file (with a passphrase only if the key was made with one).</summary>
    public byte[] PrivateArmored => Armor.Wrap(Secret.Encode);

    public static DateTime DefaultCreated { get; } = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TestKey Rsa(string userId, int bits = 2048, int keyFlags = CertifyAndSign, long expiresAfterSeconds = 0, bool revoked = false)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), new SecureRandom(), bits, 25));
        var pair = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, generator.GenerateKeyPair(), DefaultCreated);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetKeyFlags(false, keyFlags);
        hashed.SetSignatureCreationTime(false, DefaultCreated);
        if (expiresAfterSeconds > 0)
            hashed.SetKeyExpirationTime(false, expiresAfterSeconds);
        var rings = new PgpKeyRingGenerator(PgpSignature.PositiveCertification, pair, userId, SymmetricKeyAlgorithmTag.Aes256,
            Array.Empty<char>(), true, hashed.Generate(), null, new SecureRandom());
        var secret = rings.GenerateSecretKeyRing().GetSecretKey();
        var publicRing = rings.GeneratePublicKeyRing();
        if (revoked)
        {
            var revocation = new PgpSignatureGenerator(PublicKeyAlgorithmTag.RsaGeneral, HashAlgorithmTag.Sha256);
            revocation.InitSign(PgpSignature.KeyRevocation, secret.ExtractPrivateKey([]));
            var primary = PgpPublicKey.AddCertification(publicRing.GetPublicKey(), revocation.GenerateCertification(publicRing.GetPublicKey()));
            publicRing = PgpPublicKeyRing.InsertPublicKey(publicRing, primary);
        }

        return new TestKey(secret, publicRing);
    }

    /// <summary>
    /// A key whose one user id is <paramref name="userId"/> byte for byte, self-signed with <paramref name="hash"/> and not
    /// protected by a passphrase: BouncyCastle writes a user id only from text (as UTF-8), so the packets are put together here.
    /// </summary>
    public static TestKey RsaWithRawUserId(byte[] userId, HashAlgorithmTag hash = HashAlgorithmTag.Sha256)
    {
        var made = Rsa("placeholder");
        var primary = made.PublicRing.GetPublicKey();
        var certification = new PgpSignatureGenerator(PublicKeyAlgorithmTag.RsaGeneral, hash);
        certification.InitSign(PgpSignature.PositiveCertification, made.privateKey.Value);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetKeyFlags(false, CertifyAndSign);
        hashed.SetSignatureCreationTime(false, DefaultCreated);
        hashed.SetIssuerKeyID(false, primary.KeyId);
        certification.SetHashedSubpackets(hashed.Generate());
        var keyPacket = primary.PublicKeyPacket.GetEncodedContents();
        certification.Update([0x99, (byte)(keyPacket.Length >> 8), (byte)keyPacket.Length]);
        certification.Update(keyPacket);
        certification.Update([0xB4, (byte)(userId.Length >> 24), (byte)(userId.Length >> 16), (byte)(userId.Length >> 8), (byte)userId.Length]);
        certification.Update(userId);
        var publicRing = new PgpPublicKeyRing([.. primary.PublicKeyPacket.GetEncoded(), .. new UserIdPacket(userId).GetEncoded(),
            .. certification.Generate().GetEncoded()]);
        var secret = PgpSecretKey.CopyWithNewPassword(PgpSecretKey.ReplacePublicKey(made.Secret, publicRing.GetPublicKey()), [], [],
            SymmetricKeyAlgorithmTag.Null, new SecureRandom());
        return new TestKey(secret, publicRing);
    }

    /// <summary>
    /// A key revocation certificate standing alone (a signature packet, as <c>gpg --gen-revoke</c> writes one) over
    /// <paramref name="key"/>, made by this key and naming <paramref name="claimedIssuer"/> (default: this key) as its maker.
    /// </summary>
    public PgpSignature RevocationOf(PgpPublicKey key, long? claimedIssuer = null)
    {
        var generator = new PgpSignatureGenerator(PublicKeyAlgorithmTag.RsaGeneral, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.KeyRevocation, privateKey.Value);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, DefaultCreated.AddDays(60));
        hashed.SetRevocationReason(false, RevocationReasonTag.KeyCompromised, "test");
        hashed.SetIssuerKeyID(false, claimedIssuer ?? Secret.KeyId);
        generator.SetHashedSubpackets(hashed.Generate());
        return generator.GenerateCertification(key);
    }

    public byte[] Sign(byte[] data, HashAlgorithmTag hash = HashAlgorithmTag.Sha256, int signatureType = PgpSignature.BinaryDocument,
        DateTime? at = null, bool armor = false)
    {
        var generator = new PgpSignatureGenerator(PublicKeyAlgorithmTag.RsaGeneral, hash);
        generator.InitSign(signatureType, privateKey.Value);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, at ?? DefaultCreated.AddDays(30));
        generator.SetHashedSubpackets(hashed.Generate());
        var unhashed = new PgpSignatureSubpacketGenerator();
        unhashed.SetIssuerKeyID(false, Secret.KeyId);
        generator.SetUnhashedSubpackets(unhashed.Generate());
        generator.Update(data);
        var signature = generator.Generate();
        return armor ? Armor.Wrap(signature.Encode) : signature.GetEncoded();
    }
}
