using Mirror.Core.Model;
using Mirror.Core.Settings;
using Semver;

namespace Mirror.Core.Rendering.Json;

/// <summary>
/// The answers of <c>GET …/api/v1/plugins</c> as static files, for the root and for each target server version:
/// the listing, and per id the install answer (exactly one entry) and all versions (for <c>return_all_versions</c>).
/// </summary>
public static class ApiTree
{
    public const string ListingFile = "plugins.json";
    public const string EmptyFile = "empty.json";
    public const string ByIdFolder = "by-id";
    public const string LatestFile = "latest.json";
    public const string AllVersionsFile = "all.json";

    /// <summary>Site-relative folder of one Marketplace URL's API ("api/v1" or "mm/10.5.0/api/v1").</summary>
    public static string Folder(SemVersion? target) => target is null ? "api/v1" : $"mm/{target}/api/v1";

    public static void Write(ISiteOutput site, PluginCatalog catalog, SiteSettings settings)
    {
        WriteOne(site, catalog, settings, target: null);
        foreach (var target in settings.Targets)
            WriteOne(site, catalog, settings, target);
    }

    private static void WriteOne(ISiteOutput site, PluginCatalog catalog, SiteSettings settings, SemVersion? target)
    {
        var folder = Folder(target);
        WriteEntries(site, $"{folder}/{ListingFile}", catalog.Listing(target), settings);
        WriteEntries(site, $"{folder}/{EmptyFile}", [], settings);
        AllCores.ForEach(catalog.Plugins, plugin =>
        {
            var versions = plugin.CompatibleWith(target);
            if (versions.Count == 0)
                return;
            var idFolder = $"{folder}/{ByIdFolder}/{plugin.Id}";
            WriteEntries(site, $"{idFolder}/{LatestFile}", [versions[0]], settings);
            WriteEntries(site, $"{idFolder}/{AllVersionsFile}", versions, settings);
        });
    }

    private static void WriteEntries(ISiteOutput site, string relativePath, IEnumerable<PublishedVersion> entries, SiteSettings settings) =>
        JsonOutput.WriteFile(site, relativePath, w => w.WriteArray(entries, (writer, version) => MarketplaceEntry.Write(writer, version, settings.BaseUrl, withLabels: true)));
}
