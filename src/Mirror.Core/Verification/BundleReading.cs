using Mirror.Core.Bundles;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification;

/// <summary>What the single read of a bundle found, whatever the verdict.</summary>
internal sealed record BundleReading(BundleCandidate Candidate, long Size, byte[] SignatureBytes)
{
    public string Sha256 { get; init; } = "";

    public BundleInfo? Info { get; init; }

    /// <summary>Null when the bundle was refused before its bytes were read (too large).</summary>
    public VerificationResult? Signature { get; init; }

    public BundleRefusedException? ContentRefusal { get; init; }

    /// <summary>Whether it comes to a verdict: refused, or a manifest and a signer found. A read always does; a cached one might not (a record written wrong).</summary>
    public bool IsConclusive => Signature?.Refusal is not null || ContentRefusal is not null || (Info is not null && Signature?.Details is not null);
}
