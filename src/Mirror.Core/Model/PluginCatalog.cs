using Mirror.Core.Settings;
using Mirror.Core.Verification;
using Semver;

namespace Mirror.Core.Model;

/// <summary>The published plugins, grouped by id (ordinal order), each with its versions newest first.</summary>
public sealed class PluginCatalog
{
    private PluginCatalog(IReadOnlyList<PluginVersions> plugins) => Plugins = plugins;

    public IReadOnlyList<PluginVersions> Plugins { get; }

    /// <summary>Every version (marketplace entry), by id then newest first: the order of <c>plugins.json</c>.</summary>
    public IEnumerable<PublishedVersion> AllVersions => Plugins.SelectMany(p => p.Versions);

    public IEnumerable<PublishedBundle> AllBundles => AllVersions.SelectMany(v => v.Bundles);

    /// <summary>
    /// Groups the published bundles into versions: per id and version, the generic bundle and the bundles built for
    /// one platform each (<see cref="DuplicateResolver"/> has refused two claiming the same place). A version's only
    /// bundle is its generic one whatever it names, as the official marketplace lists it.
    /// </summary>
    public static PluginCatalog From(IEnumerable<CheckedBundle> bundles, SiteSettings settings)
    {
        var plugins = bundles
            .OfType<AcceptedBundle>()
            .Where(b => b.DuplicateOf is null)
            .Select(b => new PublishedBundle(b, settings.FieldsFor(b.Info.Manifest.Id)))
            .GroupBy(b => b.Manifest.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PluginVersions(g.Key, g
                .GroupBy(b => b.Manifest.VersionText, StringComparer.Ordinal)
                .Select(v => v.Count() == 1 ? new PublishedVersion(v.Single(), []) : WithPlatforms(v.ToList()))
                .OrderByDescending(v => v.Version, SemVersion.SortOrderComparer)
                .ToList()))
            .ToList();
        return new PluginCatalog(plugins);
    }

    private static PublishedVersion WithPlatforms(List<PublishedBundle> bundles) => new(
        bundles.SingleOrDefault(b => b.Manifest.OnlyPlatform is null),
        bundles.Where(b => b.Manifest.OnlyPlatform is not null).Select(b => new PublishedBundle(b.Check, b.Fields) { Platform = b.Manifest.OnlyPlatform }));
}
