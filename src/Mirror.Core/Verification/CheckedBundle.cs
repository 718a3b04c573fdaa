using Mirror.Core.Bundles;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification;

/// <summary>One bundle after its check: accepted with everything the site needs, or refused with the reason.</summary>
public sealed record CheckedBundle
{
    public required BundleCandidate Candidate { get; init; }

    public required string Status { get; init; }

    /// <summary>A stable code for machines ("" when published).</summary>
    public string ReasonCode { get; init; } = "";

    /// <summary>One line for people, naming the file ("" when published).</summary>
    public string Reason { get; init; } = "";

    public BundleInfo? Info { get; init; }

    public SignatureDetails? Signature { get; init; }

    public byte[] SignatureBytes { get; init; } = [];

    public string Sha256 { get; init; } = "";

    public long Size { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Where the single read left a copy of the bundle (inside the staging site), or null.</summary>
    public string? StagedCopy { get; init; }

    /// <summary>The file this one is a byte-identical copy of: published once, under that name.</summary>
    public string? DuplicateOf { get; init; }

    public bool IsPublished => Status == BundleStatus.Published;

    public string? Id => Info?.Manifest.Id;

    public string? Version => Info?.Manifest.VersionText;

    public CheckedBundle Reject(string code, string reason) => this with { Status = BundleStatus.Rejected, ReasonCode = code, Reason = reason };
}
