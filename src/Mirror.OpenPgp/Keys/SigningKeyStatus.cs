using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

/// <summary>
/// What the self-signatures of a key ring say about one of its keys, every claim checked cryptographically.
/// </summary>
internal sealed record SigningKeyStatus(
    PgpPublicKey Key,
    bool IsPrimary,
    bool IsBound,
    bool MaySign,
    DateTimeOffset? Expires,
    bool IsRevoked)
{
    /// <summary>Made once: every signature checked with this key names it (20,000 copies in a large catalog).</summary>
    public string Fingerprint { get; } = Fingerprints.Of(Key);

    public DateTimeOffset Created => new(DateTime.SpecifyKind(Key.CreationTime, DateTimeKind.Utc));

    public bool IsExpiredAt(DateTimeOffset moment) => Expires is { } end && moment >= end;
}
