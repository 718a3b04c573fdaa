using System.Runtime.InteropServices;
using Mirror.Core.Settings;
using Mirror.Core.Verification;
using Semver;

namespace Mirror.Core.Model;

/// <summary>The published plugins, grouped by id (ordinal order), each with its versions newest first.</summary>
internal sealed class PluginCatalog
{
    private PluginCatalog(IReadOnlyList<PluginVersions> plugins) => Plugins = plugins;

    public IReadOnlyList<PluginVersions> Plugins { get; }

    /// <summary>Every version (marketplace entry), by id then newest first: the order of <c>plugins.json</c>.</summary>
    public IEnumerable<PublishedVersion> AllVersions => Plugins.SelectMany(p => p.Versions);

    public IEnumerable<PublishedBundle> AllBundles => AllVersions.SelectMany(v => v.Bundles);

    /// <summary>
    /// Groups the published bundles into versions: per id and version, the generic bundle and the bundles built for
    /// one platform each (<see cref="DuplicateResolver"/> has refused two claiming the same place, and
    /// <see cref="SiteNames"/> said which is which: a version's only bundle is its generic one whatever it names, as
    /// the official marketplace lists it).
    /// </summary>
    public static PluginCatalog From(IEnumerable<CheckedBundle> bundles, SiteSettings settings)
    {
        // Grouped by hand, not by LINQ's GroupBy: most plugins of a big catalog have one bundle, and a lookup per plugin
        // to group it by version was most of the model's time on a rebuild with nothing changed.
        var byId = new Dictionary<string, List<PublishedBundle>>(StringComparer.Ordinal);
        foreach (var bundle in bundles)
        {
            if (bundle is AcceptedBundle { DuplicateOf: null } accepted)
            {
                var id = accepted.Info.Manifest.Id;
                (CollectionsMarshal.GetValueRefOrAddDefault(byId, id, out _) ??= []).Add(new PublishedBundle(accepted, settings.FieldsFor(id)));
            }
        }

        var plugins = byId
            .OrderBy(plugin => plugin.Key, StringComparer.Ordinal)
            .Select(plugin => new PluginVersions(plugin.Key, Versions(plugin.Value)))
            .ToList();
        return new PluginCatalog(plugins);
    }

    /// <summary>A plugin's bundles grouped by version (in the order first met), newest first.</summary>
    private static List<PublishedVersion> Versions(List<PublishedBundle> bundles) => bundles.Count == 1
        ? [new PublishedVersion(bundles[0], [])]
        : bundles
            .GroupBy(b => b.Manifest.VersionText, StringComparer.Ordinal)
            .Select(v => new PublishedVersion(v.SingleOrDefault(b => b.Platform is null), v.Where(b => b.Platform is not null)))
            .OrderByDescending(v => v.Version, SemVersion.SortOrderComparer)
            .ToList();
}
