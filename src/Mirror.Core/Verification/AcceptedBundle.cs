using Mirror.Core.Bundles;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification;

/// <summary>A bundle that passed every check: its archive, manifest and signature are known to be good.</summary>
internal sealed record AcceptedBundle(BundleInfo Info, SignatureDetails Signature) : CheckedBundle
{
    public override BundleInfo Info { get; } = Info;

    public override SignatureDetails Signature { get; } = Signature;

    public override string ReasonCode => "";

    public override string Reason => "";

    /// <summary>The file this one is a byte-identical copy of: published once, under that name.</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>
    /// The one platform its site file name carries, or null for its version's generic bundle, which is also a
    /// version's only bundle whatever it names: known once every bundle is checked (<see cref="SiteNames"/>).
    /// </summary>
    public string? SitePlatform { get; init; }
}
