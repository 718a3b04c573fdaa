using Mirror.Core.Model;

namespace Mirror.Core.Rendering.Html;

/// <summary>The model of <c>index.html</c>: one card per plugin, and the label filters.</summary>
internal static class CatalogPage
{
    internal sealed record Card(
        string Id, string Name, string Description, string Icon, string LatestVersion, string MinServerVersion,
        string LowestMinServerVersion, int VersionCount, IReadOnlyList<string> Labels, string Platforms,
        string Url, string SearchText, string LabelKeys, bool LatestIsPrerelease, string VersionsForScript);

    public static object Model(PluginCatalog catalog)
    {
        const string page = PageLinks.Catalog;
        var cards = catalog.Plugins
            .OrderBy(p => p.Latest.Manifest.Name.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => ToCard(p, page))
            .ToList();
        var labels = catalog.Plugins.SelectMany(p => p.Latest.Labels.Select(l => l.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new { Cards = cards, Labels = labels.Select(l => new { Name = l, Key = LabelKey(l) }).ToList() };
    }

    private static Card ToCard(PluginVersions plugin, string page)
    {
        var latest = plugin.Latest;
        var manifest = latest.Manifest;
        var minimums = plugin.Versions.Select(v => v.Manifest.MinServerVersion).ToList();
        var lowest = minimums.Any(m => m is null) ? "" : SharedStrings.Of(minimums.OfType<Semver.SemVersion>().Min(Semver.SemVersion.SortOrderComparer)!.ToString());
        return new Card(
            plugin.Id,
            manifest.Name,
            manifest.Description,
            Icon(latest.Primary, page),
            manifest.VersionText,
            manifest.MinServerVersionText,
            lowest,
            plugin.Versions.Count,
            latest.Labels.Select(l => l.Name).ToList(),
            SharedStrings.Of(ServerVersions.Platforms(manifest)),
            PageLinks.From(page, PageLinks.PluginPage(plugin.Id)),
            $"{manifest.Name} {plugin.Id} {manifest.Description}".ToLowerInvariant(),
            string.Join(' ', latest.Labels.Select(l => LabelKey(l.Name))),
            manifest.Version.IsPrerelease,
            ServerVersions.ForScript(plugin));
    }

    /// <summary>The bundle's SVG as a data URI (only ever in an img, where scripts in it never run), else our generic icon.</summary>
    public static string Icon(PublishedBundle bundle, string page) =>
        bundle.Info.IconData.Length > 0 ? bundle.Info.IconData : PageLinks.From(page, $"{TemplateSet.AssetsFolder}/plugin.svg");

    public static string LabelKey(string label) => new(label.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
}
