using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Scanning;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Keys;
using Semver;

namespace Mirror.Core.Syncing;

/// <summary>
/// Brings the wanted bundles into a catalog, keeping nothing unverified: each file is checked by the
/// <see cref="BundleChecker"/> of <c>build</c> (whole archive, manifest, signature by a trusted key) under a temporary
/// name in <c>CATALOG/.sync/</c> (a hidden folder, which build skips), and renamed into <c>plugins/</c> only when good.
/// A refused download never replaces the file already there; a partial one is kept there for the next run to resume.
/// </summary>
internal sealed partial class CatalogSync(string catalogDir, TrustedKeyring trust, IBundleSource source)
{
    public const string WorkFolder = ".sync";

    private static readonly PosixSignal[] StopSignals = [PosixSignal.SIGINT, PosixSignal.SIGTERM];

    private readonly BundleChecker checker = new(trust, ArchiveLimits.Default);

    private string WorkDir => Path.Combine(catalogDir, WorkFolder);

    /// <summary>Called before each bundle is looked at, for progress.</summary>
    public Action<WantedBundle>? Starting { get; init; }

    public SyncOutcome Bring(WantedBundle bundle)
    {
        Starting?.Invoke(bundle);
        Directory.CreateDirectory(WorkDir);
        var target = Path.Combine(catalogDir, WantedBundle.Folder, bundle.FileName);
        var signature = Path.Combine(WorkDir, bundle.FileName + CatalogScanner.SignatureSuffix);
        File.WriteAllBytes(signature, bundle.Signature);
        // Ctrl-C and kill end the process without running a finally block: the partial download stays for the next
        // run, the signature (written again from the listing each time) goes.
        var removeOnStop = StopSignals.Select(stop => PosixSignalRegistration.Create(stop, _ => File.Delete(signature))).ToList();
        try
        {
            return BringChecked(bundle, target, signature);
        }
        finally
        {
            removeOnStop.ForEach(registration => registration.Dispose());
            File.Delete(signature);
        }
    }

    /// <summary>
    /// Removes the signatures a killed run left (each is written again from the listing when needed), then the work
    /// folder when no partial download is left in it.
    /// </summary>
    public void Tidy()
    {
        if (!Directory.Exists(WorkDir))
            return;
        foreach (var signature in Directory.EnumerateFiles(WorkDir, "*" + CatalogScanner.SignatureSuffix))
            File.Delete(signature);
        if (!Directory.EnumerateFileSystemEntries(WorkDir).Any())
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
        var refusal = File.Exists(part) ? CheckNew(part, signature, bundle) : "no file yet";
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
            // Only a part with bytes in it is worth keeping for the next run to resume.
            if (File.Exists(part) && new FileInfo(part).Length == 0)
                File.Delete(part);
            return e.Message;
        }

        var refusal = CheckNew(part, signature, bundle);
        if (refusal is not null)
            File.Delete(part);
        return refusal;
    }

    /// <returns>Null when the new file may join the catalog: <see cref="Check"/>, and no conflict with a bundle already there.</returns>
    private string? CheckNew(string part, string signature, WantedBundle bundle)
    {
        var (accepted, refusal) = Verify(part, signature, bundle);
        return accepted is null ? refusal : Conflict(bundle, accepted);
    }

    /// <summary>
    /// build refuses every bundle of a conflict (<see cref="DuplicateResolver"/>: one id, equal version precedence,
    /// one place, different bytes), so a new file that would make one with a bundle already in <c>plugins/</c>
    /// (1.0.0+b1 beside 1.0.0) is refused instead, and the plugin that worked stays published. Only the files whose
    /// name can hold such a version are read.
    /// </summary>
    private string? Conflict(WantedBundle bundle, AcceptedBundle fresh)
    {
        var folder = Path.Combine(catalogDir, WantedBundle.Folder);
        if (!Directory.Exists(folder))
            return null;
        var precedence = fresh.Info.Manifest.Version.WithoutMetadata();
        var present = Directory.EnumerateFiles(folder, $"{bundle.Id}-*{CatalogScanner.BundleSuffix}")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name != bundle.FileName && NamedVersions(name[(bundle.Id.Length + 1)..^CatalogScanner.BundleSuffix.Length]).Any(v => v.WithoutMetadata().Equals(precedence)))
            .Order(StringComparer.Ordinal)
            .Select(name => checker.Check(new BundleCandidate(Path.Combine(folder, name), $"{WantedBundle.Folder}/{name}", Path.Combine(folder, name + CatalogScanner.SignatureSuffix))))
            .OfType<AcceptedBundle>();
        return DuplicateResolver.Resolve([.. present, fresh])[^1] is RefusedBundle conflict
            ? $"{conflict.ReasonWithoutFile}: build would refuse both, so the one already in the catalog stays"
            : null;
    }

    /// <summary>
    /// The versions a name sync gave (<c>ID-VERSION.tar.gz</c>, <c>ID-VERSION-PLATFORM.tar.gz</c>) may hold: both
    /// readings, since a prerelease such as <c>1.0.0-linux-amd64</c> looks like a platform bundle's name too.
    /// </summary>
    private static IEnumerable<SemVersion> NamedVersions(string versionAndPlatform)
    {
        if (SemVersion.TryParse(versionAndPlatform, SemVersionStyles.Strict, out var whole))
            yield return whole;
        if (PlatformSuffix().Match(versionAndPlatform) is { Success: true } named && SemVersion.TryParse(named.Groups[1].Value, SemVersionStyles.Strict, out var version))
            yield return version;
    }

    /// <returns>Null when the file is a good bundle, signed by a trusted key, and the one the listing names; else why not.</returns>
    private string? Check(string file, string signature, WantedBundle bundle) => Verify(file, signature, bundle).Refusal;

    private (AcceptedBundle? Accepted, string? Refusal) Verify(string file, string signature, WantedBundle bundle)
    {
        var result = checker.Check(new BundleCandidate(file, bundle.RelativePath, signature));
        if (result is not AcceptedBundle accepted)
            return (null, result.ReasonWithoutFile);
        if (accepted.Id != bundle.Id || accepted.Version != bundle.Version)
            return (null, $"the file is {accepted.Id} {accepted.Version}, not what the listing says");
        var platforms = accepted.Info.Manifest.Platforms;
        if (bundle.Platform is { } platform && !(platforms.Count == 1 && platforms[0] == platform))
            return (null, $"not a {platform} bundle: its server.executables name {(platforms.Count == 0 ? "no platform" : string.Join(", ", platforms))}");
        return (accepted, null);
    }

    private static void KeepSignature(string target, WantedBundle bundle)
    {
        var path = target + CatalogScanner.SignatureSuffix;
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bundle.Signature))
            WholeFile.Write(path, bundle.Signature);
    }

    [GeneratedRegex("^(.+)-[a-z0-9]+-[a-z0-9]+$")]
    private static partial Regex PlatformSuffix();
}
