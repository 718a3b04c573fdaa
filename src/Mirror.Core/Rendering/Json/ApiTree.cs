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

    public static void Write(string siteDir, PluginCatalog catalog, SiteSettings settings)
    {
        WriteOne(siteDir, catalog, settings, target: null);
        foreach (var target in settings.Targets)
            WriteOne(siteDir, catalog, settings, target);
    }

    private static void WriteOne(string siteDir, PluginCatalog catalog, SiteSettings settings, SemVersion? target)
    {
        var folder = Path.Combine(siteDir, Folder(target));
        WriteEntries(Path.Combine(folder, ListingFile), catalog.Listing(target), settings);
        WriteEntries(Path.Combine(folder, EmptyFile), [], settings);
        foreach (var plugin in catalog.Plugins)
        {
            var versions = plugin.CompatibleWith(target);
            if (versions.Count == 0)
                continue;
            var idFolder = Path.Combine(folder, ByIdFolder, plugin.Id);
            WriteEntries(Path.Combine(idFolder, LatestFile), [versions[0]], settings);
            WriteEntries(Path.Combine(idFolder, AllVersionsFile), versions, settings);
        }
    }

    private static void WriteEntries(string path, IEnumerable<PublishedVersion> entries, SiteSettings settings) =>
        JsonOutput.WriteFile(path, w => w.WriteArray(entries, (writer, version) => MarketplaceEntry.Write(writer, version, settings.BaseUrl, withLabels: true)));
}
