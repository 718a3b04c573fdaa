using Mirror.OpenPgp.Verification;
using Org.BouncyCastle.Bcpg;

namespace Mirror.OpenPgp.Keys;

/// <summary>
/// What an admin must know about a trusted key before Mattermost servers rely on it: can it verify anything today,
/// and what will go wrong soon. Each warning is <c>code: words</c>.
/// </summary>
internal sealed record KeyAssessment(bool MattermostCanUse, IReadOnlyList<string> Warnings)
{
    public const int ExpiryWarningDays = 90;

    /// <summary>
    /// Whether Mattermost could ever verify a signature by this key, whatever the date (a build never reads the clock):
    /// a bound, unrevoked signing key or subkey of an algorithm it verifies (not EdDSA, not ECDSA off the NIST curves, not v5/v6), under an unrevoked
    /// primary key, in a key whose every packet Mattermost can read. Only such keys are published in the site's keys/.
    /// </summary>
    public static bool MattermostCanEverUse(TrustedKey key) =>
        key.Primary.IsBound && !key.Primary.IsRevoked && key.MattermostSkipsBecause is null &&
        key.AllKeys.Any(k => k.IsBound && k.MaySign && !k.IsRevoked && KeyAlgorithms.MattermostCanVerify(k.Key));

    public static KeyAssessment Of(TrustedKey key, DateTimeOffset now)
    {
        var warnings = new List<string>();
        var primary = key.Primary;
        var signers = key.AllKeys.Where(k => k.IsBound && k.MaySign).ToList();
        var usable = signers.Where(k => !k.IsRevoked && !k.IsExpiredAt(now) && KeyAlgorithms.MattermostCanVerify(k.Key)).ToList();

        if (signers.Any(k => KeyAlgorithms.IsEdDsa(k.Key.Algorithm)))
            warnings.Add("eddsa: EdDSA (Ed25519) signing key; Mattermost cannot verify EdDSA signatures");
        else if (signers.Count > 0 && usable.Count == 0 && signers.All(k => !KeyAlgorithms.MattermostCanVerify(k.Key)))
            warnings.Add($"unsupported-algorithm: the signing key is {KeyAlgorithms.Unverifiable(signers[0].Key)}");
        else if (key.MattermostSkipsBecause is { } skipped)
            warnings.Add($"unreadable-key: {skipped}");
        if (primary.Key.Algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign &&
            key.Bits < SignatureVerifier.RecommendedRsaBits)
        {
            warnings.Add($"weak-key: RSA-{key.Bits} is below the recommended {SignatureVerifier.RecommendedRsaBits} bits");
        }

        if (primary.IsRevoked)
            warnings.Add("revoked: the key is revoked");
        if (primary.Expires is { } end)
        {
            if (primary.IsExpiredAt(now))
                warnings.Add($"expired: the key expired on {Dates.Day(end)}");
            else if (end - now <= TimeSpan.FromDays(ExpiryWarningDays))
                warnings.Add($"expires-soon: the key expires on {Dates.Day(end)}, within {ExpiryWarningDays} days");
        }

        if (signers.Count == 0)
            warnings.Add("cannot-sign: neither the key nor any subkey is allowed to sign");
        return new KeyAssessment(!primary.IsRevoked && !primary.IsExpiredAt(now) && usable.Count > 0 && key.MattermostSkipsBecause is null, warnings);
    }
}
