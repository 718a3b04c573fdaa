using Mirror.Core.Model;
using Mirror.Core.Settings;

namespace Mirror.Core.Rendering.Json;

/// <summary>
/// Every published version in the official marketplace's <c>plugins.json</c> format and order (id, then version
/// newest first; labels left to the service), so this mirror can seed a mattermost-marketplace instance.
/// </summary>
internal static class PluginsJsonFile
{
    public const string FileName = "plugins.json";

    public static void Write(ISiteOutput site, PluginCatalog catalog, SiteSettings settings) =>
        JsonOutput.WriteLargeFile(site, FileName,
            w => w.WriteArray(catalog.AllVersions, (writer, version) => MarketplaceEntry.Write(writer, version, settings.BaseUrl, withLabels: false)));
}
