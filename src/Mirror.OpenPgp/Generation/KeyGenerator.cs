using System.Text;
using Mirror.OpenPgp.Keys;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Bcpg.Sig;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Mirror.OpenPgp.Generation;

/// <summary>
/// Makes the one kind of key Mattermost can always verify: a v4 RSA primary key that certifies and signs, with
/// SHA-256 self-signatures (GnuPG's default today is Ed25519, which Mattermost cannot verify).
/// </summary>
internal static class KeyGenerator
{
    public static readonly IReadOnlyList<int> AllowedBits = [3072, 4096];

    public const int DefaultBits = 4096;

    public static GeneratedKey Generate(string userId, int bits, string? passphrase, DateTimeOffset created)
    {
        if (!AllowedBits.Contains(bits))
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "RSA key size must be 3072 or 4096");

        var random = new SecureRandom();
        var rsa = new RsaKeyPairGenerator();
        rsa.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), random, bits, 100));
        var pair = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, rsa.GenerateKeyPair(), created.UtcDateTime);

        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetKeyFlags(false, KeyFlags.CertifyOther | KeyFlags.SignData);
        hashed.SetPreferredHashAlgorithms(false, [(int)HashAlgorithmTag.Sha512, (int)HashAlgorithmTag.Sha384, (int)HashAlgorithmTag.Sha256]);
        hashed.SetPreferredSymmetricAlgorithms(false, [(int)SymmetricKeyAlgorithmTag.Aes256, (int)SymmetricKeyAlgorithmTag.Aes128]);
        hashed.SetFeature(false, Features.FEATURE_MODIFICATION_DETECTION);

        var protection = passphrase is null ? SymmetricKeyAlgorithmTag.Null : SymmetricKeyAlgorithmTag.Aes256;
        var rings = new PgpKeyRingGenerator(PgpSignature.PositiveCertification, pair, userId, protection, HashAlgorithmTag.Sha256,
            Encoding.UTF8.GetBytes(passphrase ?? ""), true, hashed.Generate(), null, random);
        var publicRing = rings.GeneratePublicKeyRing();
        var secretRing = rings.GenerateSecretKeyRing();
        return new GeneratedKey(
            Fingerprints.Of(publicRing.GetPublicKey()),
            userId,
            Armor.Wrap(publicRing.Encode),
            Armor.Wrap(secretRing.Encode));
    }
}
