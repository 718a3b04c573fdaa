using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Signing;

/// <summary>
/// Makes exactly the signature Mattermost verifies: v4, detached, binary document, SHA-256, with the issuer key id
/// (and fingerprint) in the hashed area.
/// </summary>
internal static class DetachedSigner
{
    public static byte[] Sign(SigningKey key, Stream data, DateTimeOffset signedAt, bool armor)
    {
        var generator = new PgpSignatureGenerator(key.Status.Key.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.BinaryDocument, key.PrivateKey);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, signedAt.UtcDateTime);
        hashed.SetIssuerFingerprint(false, key.Status.Key);
        hashed.SetIssuerKeyID(false, key.Status.Key.KeyId);
        generator.SetHashedSubpackets(hashed.Generate());

        var buffer = new byte[81920];
        int read;
        while ((read = data.Read(buffer)) > 0)
            generator.Update(buffer, 0, read);
        var signature = generator.Generate();
        return armor ? Armor.Wrap(signature.Encode) : signature.GetEncoded();
    }
}
