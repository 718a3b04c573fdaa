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
    /// Why Mattermost's key parser skips this whole key ring, or null when it reads it. It reads every key packet of a
    /// ring, subkeys meant only for encryption too, and one packet it cannot parse drops the whole key (ReadKeyRing
    /// skips the entity on an UnsupportedError): then no signature by any of its keys verifies. It parses version 3
    /// and 4 keys of RSA (a public exponent of at most 3 bytes), DSA, ElGamal, and ECDSA or ECDH on the NIST curves.
    /// </summary>
    public static string? WhyMattermostSkips(PgpPublicKeyRing ring)
    {
        foreach (var key in ring.GetPublicKeys())
        {
            if (Unreadable(key) is { } what)
            {
                var which = key.IsMasterKey ? "primary key" : $"subkey {Fingerprints.Of(key)}";
                return $"its {which} is {what}, which Mattermost's key parser cannot read, so a server skips the whole key";
            }
        }

        return null;
    }

    private static string? Unreadable(PgpPublicKey key)
    {
        if (key.Version > 4)
            return $"a version {key.Version} key";
        return key.Algorithm switch
        {
            PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign or PublicKeyAlgorithmTag.RsaEncrypt =>
                key.PublicKeyPacket.Key is RsaPublicBcpgKey rsa && rsa.PublicExponent.BitLength > 24 ? "RSA with a public exponent of more than 3 bytes" : null,
            PublicKeyAlgorithmTag.Dsa or PublicKeyAlgorithmTag.ElGamalEncrypt => null,
            PublicKeyAlgorithmTag.ECDsa or PublicKeyAlgorithmTag.ECDH when key.PublicKeyPacket.Key is ECPublicBcpgKey ec =>
                VerifiableCurves.Contains(ec.CurveOid) ? null : $"{Name(key.Algorithm)} on curve {CurveName(ec)}",
            _ => Name(key.Algorithm),
        };
    }

    private static string CurveName(ECPublicBcpgKey ec) => ECNamedCurveTable.GetName(ec.CurveOid) ?? CustomCurveNames.GetValueOrDefault(ec.CurveOid.Id, ec.CurveOid.Id);

    /// <summary>OpenPGP's own curve OIDs, which BouncyCastle's table of named curves does not know.</summary>
    private static readonly Dictionary<string, string> CustomCurveNames = new(StringComparer.Ordinal)
    {
        ["1.3.6.1.4.1.3029.1.5.1"] = "Curve25519",
        ["1.3.101.110"] = "X25519",
        ["1.3.101.111"] = "X448",
    };

    /// <summary>
    /// What a key Mattermost cannot verify is, and for ECDSA why, as one clause of a message (no semicolon: messages
    /// join clauses with them): "ECDSA on curve brainpoolP256r1, which Mattermost cannot verify: …".
    /// </summary>
    public static string Unverifiable(PgpPublicKey key) =>
        key.Algorithm == PublicKeyAlgorithmTag.ECDsa && key.PublicKeyPacket.Key is ECPublicBcpgKey ec
            ? $"ECDSA on curve {CurveName(ec)}, which Mattermost cannot verify: " +
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
