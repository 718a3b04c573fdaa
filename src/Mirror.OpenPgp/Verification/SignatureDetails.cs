namespace Mirror.OpenPgp.Verification;

/// <summary>Who signed a bundle and how, for the report and the pages.</summary>
internal sealed record SignatureDetails(
    string SignerFingerprint,
    string SigningKeyFingerprint,
    string SignerUserId,
    string KeyAlgorithm,
    int KeyBits,
    string HashAlgorithm,
    DateTimeOffset SignedAt,
    bool Armored);
