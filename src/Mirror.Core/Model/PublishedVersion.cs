using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Manifests;
using Mirror.Core.Model.Queries;
using Mirror.Core.Settings;
using Semver;

namespace Mirror.Core.Model;

/// <summary>
/// One version of one plugin: one marketplace entry. Its bundles are a generic one (for every platform its manifest
/// names) and/or bundles built for exactly one platform, as the official marketplace publishes them
/// (<c>platforms: {"linux-amd64": {download_url, signature}, …}</c>).
/// </summary>
internal sealed class PublishedVersion : IListingEntry
{
    /// <summary>The platform keys the official service knows, in the order its <c>plugins.json</c> writes them.</summary>
    public static readonly IReadOnlyList<string> OfficialPlatformOrder = ["linux-amd64", "darwin-amd64", "windows-amd64"];

    public PublishedVersion(PublishedBundle? generic, IEnumerable<PublishedBundle> platformBundles)
    {
        Generic = generic;
        ByPlatform = platformBundles.OrderBy(b => PlatformRank(b.Platform!)).ThenBy(b => b.Platform, StringComparer.Ordinal)
            .ToDictionary(b => b.Platform!, StringComparer.Ordinal);
        Primary = generic ?? ByPlatform.Values.FirstOrDefault() ?? throw new ArgumentException("a version needs at least one bundle");
        PlatformBundles = [.. ByPlatform.Keys];
    }

    /// <summary>The bundle for every platform, or null when the version has only platform bundles.</summary>
    public PublishedBundle? Generic { get; }

    /// <summary>The bundles built for one platform each, in the official order (then ordinal).</summary>
    public IReadOnlyDictionary<string, PublishedBundle> ByPlatform { get; }

    /// <summary>The bundle whose manifest, icon and fields the entry shows: the generic one, else the first platform's.</summary>
    public PublishedBundle Primary { get; }

    public IEnumerable<PublishedBundle> Bundles => ByPlatform.Values.Prepend(Generic).OfType<PublishedBundle>();

    public PluginManifest Manifest => Primary.Manifest;

    public BundleInfo Info => Primary.Info;

    public ListingFields Fields => Primary.Fields;

    public IReadOnlyList<MarketplaceLabel> Labels => Primary.Labels;

    public string VersionText => Manifest.VersionText;

    public string Id => Manifest.Id;

    public string Name => Manifest.Name;

    public string Description => Manifest.Description;

    public SemVersion Version => Manifest.Version;

    public SemVersion? MinServerVersion => Manifest.MinServerVersion;

    public bool Enterprise => Fields.Enterprise;

    public string Hosting => Fields.Hosting;

    public bool HasGenericBundle => Generic is not null;

    public IReadOnlyCollection<string> PlatformBundles { get; }

    private static int PlatformRank(string platform) =>
        OfficialPlatformOrder.ToList().IndexOf(platform) is var rank and >= 0 ? rank : OfficialPlatformOrder.Count;
}
