using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

/// <summary>What Mattermost's verifier (golang.org/x/crypto/openpgp) can check, per public-key algorithm.</summary>
internal static class KeyAlgorithms
{
    public static bool IsEdDsa(PublicKeyAlgorithmTag algorithm) =>
        algorithm is PublicKeyAlgorithmTag.EdDsa_Legacy or PublicKeyAlgorithmTag.Ed25519 or PublicKeyAlgorithmTag.Ed448;

    /// <summary>
    /// The only curves its key parser takes (newECDSA): a key on any other is "unsupported oid", and the whole key is
    /// skipped when the server reads its keyring, so no signature by it ever verifies.
    /// </summary>
    private static readonly HashSet<DerObjectIdentifier> VerifiableCurves =
        [SecObjectIdentifiers.SecP256r1, SecObjectIdentifiers.SecP384r1, SecObjectIdentifiers.SecP521r1];

    public static bool MattermostCanVerify(PgpPublicKey key) => key.Algorithm switch
    {
        PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign or PublicKeyAlgorithmTag.Dsa => true,
        PublicKeyAlgorithmTag.ECDsa => key.PublicKeyPacket.Key is ECPublicBcpgKey ec && VerifiableCurves.Contains(ec.CurveOid),
        _ => false,
    };

    /// <summary>
    /// What a key Mattermost cannot verify is, and for ECDSA why, as one clause of a message (no semicolon: messages
    /// join clauses with them): "ECDSA on curve brainpoolP256r1, which Mattermost cannot verify: …".
    /// </summary>
    public static string Unverifiable(PgpPublicKey key) =>
        key.Algorithm == PublicKeyAlgorithmTag.ECDsa && key.PublicKeyPacket.Key is ECPublicBcpgKey ec
            ? $"ECDSA on curve {ECNamedCurveTable.GetName(ec.CurveOid) ?? ec.CurveOid.Id}, which Mattermost cannot verify: " +
              "it verifies ECDSA on NIST P-256, P-384 and P-521 only"
            : $"{Name(key.Algorithm)}, which Mattermost cannot verify";

    public static string Name(PublicKeyAlgorithmTag algorithm) => algorithm switch
    {
        PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign or PublicKeyAlgorithmTag.RsaEncrypt => "RSA",
        PublicKeyAlgorithmTag.Dsa => "DSA",
        PublicKeyAlgorithmTag.ECDsa => "ECDSA",
        PublicKeyAlgorithmTag.ECDH => "ECDH",
        PublicKeyAlgorithmTag.EdDsa_Legacy => "EdDSA (Ed25519)",
        PublicKeyAlgorithmTag.Ed25519 => "Ed25519",
        PublicKeyAlgorithmTag.Ed448 => "Ed448",
        PublicKeyAlgorithmTag.ElGamalEncrypt or PublicKeyAlgorithmTag.ElGamalGeneral => "ElGamal",
        _ => $"algorithm {(int)algorithm}",
    };

    /// <summary>"RSA-4096", "DSA-2048", "ECDSA 256-bit", "EdDSA (Ed25519)": as admins compare keys.</summary>
    public static string Describe(string name, int bits) => name switch
    {
        "RSA" or "DSA" or "ElGamal" => $"{name}-{bits}",
        "ECDSA" or "ECDH" => $"{name} {bits}-bit",
        _ => name,
    };

    /// <summary>Whether a signature made with <paramref name="signatureAlgorithm"/> can come from a key of <paramref name="key"/> (RSA has three tags).</summary>
    public static bool SameFamily(PublicKeyAlgorithmTag signatureAlgorithm, PublicKeyAlgorithmTag key) =>
        signatureAlgorithm == key || (IsRsa(signatureAlgorithm) && IsRsa(key));

    public static bool IsRsa(PublicKeyAlgorithmTag algorithm) =>
        algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign or PublicKeyAlgorithmTag.RsaEncrypt;

    public static bool IsWeakHash(HashAlgorithmTag hash) =>
        hash is HashAlgorithmTag.MD5 or HashAlgorithmTag.Sha1 or HashAlgorithmTag.RipeMD160
            or HashAlgorithmTag.MD2 or HashAlgorithmTag.Tiger192 or HashAlgorithmTag.Haval5pass160;

    public static string HashName(HashAlgorithmTag hash) => hash switch
    {
        HashAlgorithmTag.Sha1 => "SHA-1",
        HashAlgorithmTag.Sha224 => "SHA-224",
        HashAlgorithmTag.Sha256 => "SHA-256",
        HashAlgorithmTag.Sha384 => "SHA-384",
        HashAlgorithmTag.Sha512 => "SHA-512",
        HashAlgorithmTag.MD5 => "MD5",
        HashAlgorithmTag.RipeMD160 => "RIPEMD-160",
        _ => hash.ToString(),
    };
}
