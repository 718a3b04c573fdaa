using Mirror.Core.Bundles;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification;

/// <summary>A bundle that is not published, and why.</summary>
public sealed record RefusedBundle(string ReasonCode, string Reason, BundleInfo? Info, SignatureDetails? Signature) : CheckedBundle
{
    public override string ReasonCode { get; } = ReasonCode;

    public override string Reason { get; } = Reason;

    public override BundleInfo? Info { get; } = Info;

    public override SignatureDetails? Signature { get; } = Signature;
}
