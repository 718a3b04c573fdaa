using Mirror.Core.Bundles.Archive;
using Mirror.Core.Scanning;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Syncing;

/// <summary>
/// Brings the wanted bundles into a catalog, keeping nothing unverified: each file is checked by the
/// <see cref="BundleChecker"/> of <c>build</c> (whole archive, manifest, signature by a trusted key) under a temporary
/// name in <c>CATALOG/.sync/</c> (a hidden folder, which build skips), and renamed into <c>plugins/</c> only when good.
/// A refused download never replaces the file already there; a partial one is kept there for the next run to resume.
/// </summary>
public sealed class CatalogSync(string catalogDir, TrustedKeyring trust, IBundleSource source)
{
    public const string WorkFolder = ".sync";

    private readonly BundleChecker checker = new(trust, ArchiveLimits.Default);

    private string WorkDir => Path.Combine(catalogDir, WorkFolder);

    /// <summary>Called before each bundle is looked at, for progress.</summary>
    public Action<WantedBundle>? Starting { get; init; }

    public SyncOutcome Bring(WantedBundle bundle)
    {
        Starting?.Invoke(bundle);
        Directory.CreateDirectory(WorkDir);
        var target = Path.Combine(catalogDir, WantedBundle.Folder, bundle.FileName);
        var signature = Path.Combine(WorkDir, bundle.FileName + ".sig");
        File.WriteAllBytes(signature, bundle.Signature);
        try
        {
            return BringChecked(bundle, target, signature);
        }
        finally
        {
            File.Delete(signature);
        }
    }

    /// <summary>Removes the work folder when no partial download is left in it.</summary>
    public void Tidy()
    {
        if (Directory.Exists(WorkDir) && !Directory.EnumerateFileSystemEntries(WorkDir).Any())
            Directory.Delete(WorkDir);
    }

    private SyncOutcome BringChecked(WantedBundle bundle, string target, string signature)
    {
        if (File.Exists(target) && Check(target, signature, bundle) is null)
        {
            KeepSignature(target, bundle);
            return new SyncOutcome(bundle.Label, bundle.RelativePath, SyncStatus.AlreadyPresent);
        }

        var part = Path.Combine(WorkDir, bundle.FileName + ".part");
        // A run killed between download and rename left a complete file: check it before asking the network again.
        var refusal = File.Exists(part) ? Check(part, signature, bundle) : "no file yet";
        if (refusal is not null)
        {
            var resumed = File.Exists(part) && new FileInfo(part).Length > 0;
            refusal = Obtain(bundle, part, signature);
            if (refusal is not null && resumed && !File.Exists(part))
            {
                // The resumed file did not verify (Obtain removed it; a failed download keeps its part for the next
                // run): what a previous run left may belong to an older file of that name, so start over once.
                refusal = Obtain(bundle, part, signature);
            }
        }

        if (refusal is not null)
            return new SyncOutcome(bundle.Label, bundle.RelativePath, SyncStatus.Refused, refusal);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(part, target, overwrite: true);
        KeepSignature(target, bundle);
        return new SyncOutcome(bundle.Label, bundle.RelativePath, SyncStatus.Added);
    }

    private string? Obtain(WantedBundle bundle, string part, string signature)
    {
        try
        {
            source.Obtain(bundle, part, ArchiveLimits.Default.MaxBundleBytes);
        }
        catch (DownloadFailedException e)
        {
            return e.Message;
        }

        var refusal = Check(part, signature, bundle);
        if (refusal is not null)
            File.Delete(part);
        return refusal;
    }

    /// <returns>Null when the file is a good bundle, signed by a trusted key, and the one the listing names; else why not.</returns>
    private string? Check(string file, string signature, WantedBundle bundle)
    {
        var result = checker.Check(new BundleCandidate(file, bundle.RelativePath, signature));
        if (!result.IsPublished)
            return result.Reason.StartsWith(bundle.RelativePath + ": ", StringComparison.Ordinal) ? result.Reason[(bundle.RelativePath.Length + 2)..] : result.Reason;
        if (result.Id != bundle.Id || result.Version != bundle.Version)
            return $"the file is {result.Id} {result.Version}, not what the listing says";
        var platforms = result.Info!.Manifest.Platforms;
        if (bundle.Platform is { } platform && !(platforms.Count == 1 && platforms[0] == platform))
            return $"not a {platform} bundle: its server.executables name {(platforms.Count == 0 ? "no platform" : string.Join(", ", platforms))}";
        return null;
    }

    private static void KeepSignature(string target, WantedBundle bundle)
    {
        var path = target + ".sig";
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bundle.Signature))
            WholeFile.Write(path, bundle.Signature);
    }
}
