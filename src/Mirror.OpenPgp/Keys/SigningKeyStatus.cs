using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;

namespace Mirror.OpenPgp.Keys;

/// <summary>
/// What the self-signatures of a key ring say about one of its keys, every claim checked cryptographically.
/// </summary>
public sealed record SigningKeyStatus(
    PgpPublicKey Key,
    bool IsPrimary,
    bool IsBound,
    bool MaySign,
    DateTimeOffset? Expires,
    bool IsRevoked)
{
    public string Fingerprint => Fingerprints.Of(Key);

    public DateTimeOffset Created => new(DateTime.SpecifyKind(Key.CreationTime, DateTimeKind.Utc));

    private AsymmetricKeyParameter? verificationKey;

    public bool IsExpiredAt(DateTimeOffset moment) => Expires is { } end && moment >= end;

    /// <summary>
    /// The key as the crypto layer uses it, converted once: BouncyCastle re-validates an RSA modulus (a primality
    /// test, ~50 ms for 3072 bits) every time it converts a key, which <c>PgpSignature.InitVerify</c> does per signature.
    /// </summary>
    internal AsymmetricKeyParameter VerificationKey => LazyInitializer.EnsureInitialized(ref verificationKey, Key.GetKey);
}
