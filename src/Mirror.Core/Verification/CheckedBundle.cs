using Mirror.Core.Bundles;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification;

/// <summary>
/// One bundle after its check: an <see cref="AcceptedBundle"/>, with everything the site needs, or a
/// <see cref="RefusedBundle"/>, with the reason and whatever the read found before it failed.
/// </summary>
public abstract record CheckedBundle
{
    public required BundleCandidate Candidate { get; init; }

    /// <summary>The manifest and icon; a refused bundle has them only if its archive could be read.</summary>
    public abstract BundleInfo? Info { get; }

    /// <summary>Who signed it, when; a refused bundle has it only if the signature was checked that far.</summary>
    public abstract SignatureDetails? Signature { get; }

    /// <summary>A stable code for machines ("" when accepted).</summary>
    public abstract string ReasonCode { get; }

    /// <summary>One line for people, naming the file ("" when accepted).</summary>
    public abstract string Reason { get; }

    public byte[] SignatureBytes { get; init; } = [];

    public string Sha256 { get; init; } = "";

    public long Size { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool IsPublished => this is AcceptedBundle;

    /// <summary>The reason without its leading "FILE: ", for tables that show the file in a column of its own.</summary>
    public string ReasonWithoutFile
    {
        get
        {
            var prefix = Candidate.RelativePath + ": ";
            return Reason.StartsWith(prefix, StringComparison.Ordinal) ? Reason[prefix.Length..] : Reason;
        }
    }

    public string? Id => Info?.Manifest.Id;

    public string? Version => Info?.Manifest.VersionText;

    /// <summary>The same bundle refused, keeping what its read found (the report still shows it).</summary>
    public RefusedBundle Refuse(string code, string reason) => new(code, reason, Info, Signature)
    {
        Candidate = Candidate,
        SignatureBytes = SignatureBytes,
        Sha256 = Sha256,
        Size = Size,
        Warnings = Warnings,
    };
}
