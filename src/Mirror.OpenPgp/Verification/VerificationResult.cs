namespace Mirror.OpenPgp.Verification;

/// <summary>The verdict on one detached signature: accepted (with details and policy warnings) or refused.</summary>
internal sealed record VerificationResult(SignatureDetails? Details, SignatureRefusal? Refusal, IReadOnlyList<string> Warnings)
{
    public static VerificationResult Refused(SignatureRefusal refusal, SignatureDetails? details = null) =>
        new(details, refusal, []);
}
