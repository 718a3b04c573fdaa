using System.Text;
using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Manifests;
using Mirror.Core.Scanning;

namespace Mirror.Core.Verification;

/// <summary>
/// Where the site puts the published bundles: <c>bundles/ID/ID-VERSION.tar.gz</c> for a version's generic bundle,
/// <c>…/ID-VERSION-PLATFORM.tar.gz</c> for one built for a platform, each with its <c>.sig</c>. Different versions
/// and platforms can spell one name (version <c>1.0.0-linux-amd64</c>, and version <c>1.0.0</c> for
/// <c>linux-amd64</c>), and a long id and version one that no file system holds: those bundles are refused here,
/// each for itself, rather than the site left unwritable by them.
/// </summary>
internal static class SiteNames
{
    public const string BundlesFolder = "bundles";

    /// <summary>NAME_MAX of ext4, XFS, btrfs and most others.</summary>
    private const int MaxFileNameBytes = 255;

    public static string FileName(PluginManifest manifest, string? platform) => platform is null
        ? $"{manifest.Id}-{manifest.VersionText}{CatalogScanner.BundleSuffix}"
        : $"{manifest.Id}-{manifest.VersionText}-{platform}{CatalogScanner.BundleSuffix}";

    /// <summary>Site-relative, with '/' separators.</summary>
    public static string SitePath(PluginManifest manifest, string? platform) => $"{BundlesFolder}/{manifest.Id}/{FileName(manifest, platform)}";

    /// <summary>Refuses the bundles whose names cannot be made or are taken twice; gives the others their <see cref="AcceptedBundle.SitePlatform"/>.</summary>
    public static IReadOnlyList<CheckedBundle> Assign(IReadOnlyList<CheckedBundle> bundles)
    {
        var result = bundles.Select(b => b is AcceptedBundle accepted && TooLong(accepted) is { } refused ? refused : b).ToList();
        // A refusal can leave a platform bundle alone in its version, which then takes the generic name, and another
        // bundle may hold that one: names are given again until none is taken twice (each round refuses two or more).
        while (RefuseClashes(result))
        {
        }

        return result;
    }

    /// <summary>
    /// The longest name the site could make for the bundle: with its platform (it carries it whenever its version has
    /// another bundle) and <c>.sig</c>. Judged without the other bundles, so that whether a bundle passes never
    /// depends on what else the catalog holds.
    /// </summary>
    private static RefusedBundle? TooLong(AcceptedBundle bundle)
    {
        var manifest = bundle.Info.Manifest;
        var bytes = Encoding.UTF8.GetByteCount(FileName(manifest, manifest.OnlyPlatform) + CatalogScanner.SignatureSuffix);
        return bytes <= MaxFileNameBytes ? null : bundle.Refuse(BundleRefusalCodes.NameTooLong,
            $"{bundle.Candidate.RelativePath}: its signature's file name in the site would be {bytes} bytes long, more than the {MaxFileNameBytes} " +
            $"a file name can hold (an id of {manifest.Id.Length} characters and a version of {manifest.VersionText.Length} are too long together)");
    }

    /// <summary>Gives each accepted bundle its site platform, then refuses every bundle whose site path another one's takes too; whether any was.</summary>
    private static bool RefuseClashes(List<CheckedBundle> result)
    {
        var accepted = result.Select((bundle, index) => (bundle: bundle as AcceptedBundle, index))
            .Where(x => x.bundle is not null)
            .Select(x => (bundle: x.bundle!, x.index))
            .ToList();
        var versionSizes = accepted.Where(x => x.bundle.DuplicateOf is null)
            .CountBy(x => (x.bundle.Info.Manifest.Id, x.bundle.Info.Manifest.VersionText))
            .ToDictionary();
        for (var i = 0; i < accepted.Count; i++)
        {
            var (bundle, index) = accepted[i];
            var manifest = bundle.Info.Manifest;
            var platform = versionSizes.GetValueOrDefault((manifest.Id, manifest.VersionText)) > 1 ? manifest.OnlyPlatform : null;
            if (platform != bundle.SitePlatform)
                accepted[i] = (bundle with { SitePlatform = platform }, index);
            result[index] = accepted[i].bundle;
        }

        // Byte-identical copies share their name (one of them is published): only different bytes clash.
        var clashes = accepted
            .GroupBy(x => SitePath(x.bundle.Info.Manifest, x.bundle.SitePlatform), StringComparer.Ordinal)
            .Where(name => name.Select(x => x.bundle.Sha256).Distinct(StringComparer.Ordinal).Skip(1).Any())
            .ToList();
        foreach (var name in clashes)
        {
            var members = name.OrderBy(x => x.bundle.Candidate.RelativePath, StringComparer.Ordinal).ToList();
            foreach (var (bundle, index) in members)
            {
                var others = members.Where(x => x.bundle.Sha256 != bundle.Sha256).Select(x => x.bundle.Candidate.RelativePath).ToList();
                var manifest = bundle.Info.Manifest;
                var platform = bundle.SitePlatform is { } p ? $" for {p}" : "";
                result[index] = bundle.Refuse(BundleRefusalCodes.Conflict,
                    $"{bundle.Candidate.RelativePath}: conflict: {manifest.Id} {manifest.VersionText}{platform} would be published as {name.Key}, " +
                    $"as would {DuplicateResolver.Files(others)} (another version or platform that spells the same file name)");
            }
        }

        return clashes.Count > 0;
    }
}
