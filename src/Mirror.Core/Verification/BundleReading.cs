using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification;

/// <summary>What the single read of a bundle found, whatever the verdict.</summary>
public sealed record BundleReading(BundleCandidate Candidate, long Size, byte[] SignatureBytes)
{
    public string Sha256 { get; init; } = "";

    /// <summary>What the tar held that matters (null when the archive was refused while being read).</summary>
    public ArchiveContents? Contents { get; init; }

    public BundleInfo? Info { get; init; }

    /// <summary>Null when the bundle was refused before its bytes were read (too large).</summary>
    public VerificationResult? Signature { get; init; }

    public BundleRefusedException? ContentRefusal { get; init; }

    /// <summary>
    /// A reading kept by an earlier build, inspected again: the manifest and icon come from the kept files, so a
    /// cached bundle gets exactly the info (or the refusal) a fresh read would.
    /// </summary>
    public BundleReading Inspected()
    {
        if (Contents is null)
            return this;
        try
        {
            return this with { Info = BundleInspector.Inspect(Contents), ContentRefusal = null };
        }
        catch (BundleRefusedException e)
        {
            return this with { Info = null, ContentRefusal = e };
        }
    }
}
