using Org.BouncyCastle.Bcpg.OpenPgp;

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

    public bool IsExpiredAt(DateTimeOffset moment) => Expires is { } end && moment >= end;
}
