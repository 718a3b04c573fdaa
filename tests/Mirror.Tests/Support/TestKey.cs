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
