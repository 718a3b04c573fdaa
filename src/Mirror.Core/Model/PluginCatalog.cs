using Mirror.Core.Settings;
using Mirror.Core.Verification;
using Semver;

namespace Mirror.Core.Model;

/// <summary>The published plugins, grouped by id (ordinal order), each with its versions newest first.</summary>
public sealed class PluginCatalog
{
    private PluginCatalog(IReadOnlyList<PluginVersions> plugins) => Plugins = plugins;

    public IReadOnlyList<PluginVersions> Plugins { get; }

    public IEnumerable<PublishedBundle> AllBundles => Plugins.SelectMany(p => p.Versions);

    public static PluginCatalog From(IEnumerable<CheckedBundle> bundles, SiteSettings settings)
    {
        var plugins = bundles
            .OfType<AcceptedBundle>()
            .Where(b => b.DuplicateOf is null)
            .Select(b => new PublishedBundle(b, settings.FieldsFor(b.Info.Manifest.Id)))
            .GroupBy(b => b.Manifest.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PluginVersions(g.Key, g.OrderByDescending(b => b.Manifest.Version, SemVersion.SortOrderComparer).ToList()))
            .ToList();
        return new PluginCatalog(plugins);
    }

    /// <summary>
    /// What one Marketplace URL lists: per id, the newest version a server of <paramref name="server"/> can run
    /// (all servers when null), sorted as the official service sorts (lower-cased name, then id).
    /// </summary>
    public IReadOnlyList<PublishedBundle> Listing(SemVersion? server) =>
        Plugins.Select(p => p.CompatibleWith(server))
            .Where(versions => versions.Count > 0)
            .Select(versions => versions[0])
            .OrderBy(b => b.Manifest.Name.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(b => b.Manifest.Id, StringComparer.Ordinal)
            .ToList();
}
