using Mirror.Core.Bundles;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification;

/// <summary>A bundle that passed every check: its archive, manifest and signature are known to be good.</summary>
public sealed record AcceptedBundle(BundleInfo Info, SignatureDetails Signature) : CheckedBundle
{
    public override BundleInfo Info { get; } = Info;

    public override SignatureDetails Signature { get; } = Signature;

    public override string ReasonCode => "";

    public override string Reason => "";

    /// <summary>The file this one is a byte-identical copy of: published once, under that name.</summary>
    public string? DuplicateOf { get; init; }
}
