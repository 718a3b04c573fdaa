using Mirror.OpenPgp.Keys;

namespace Mirror.Core.KeyManagement;

/// <summary>One trusted key as <c>mirror keys list</c> shows it.</summary>
internal sealed record KeyListing(TrustedKey Key, KeyAssessment Assessment)
{
    public string LongKeyId => Key.Fingerprint[^16..];
}
