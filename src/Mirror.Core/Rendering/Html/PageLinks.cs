namespace Mirror.Core.Rendering.Html;

/// <summary>
/// Where the pages live. Every link between pages is relative, so the site works from any base path and when opened
/// from the file system.
/// </summary>
internal static class PageLinks
{
    public const string Catalog = "index.html";
    public const string Setup = "setup.html";
    public const string Verification = "verification.html";
    public const string PluginsFolder = "plugins";

    public static string PluginPage(string id) => $"{PluginsFolder}/{id}/index.html";

    /// <summary>Versions are strict semver: only letters, digits, '.', '-' and '+', safe as a folder name.</summary>
    public static string VersionPage(string id, string version) => $"{PluginsFolder}/{id}/{version}/index.html";

    /// <summary>The way back to the site root from a page at <paramref name="pagePath"/>.</summary>
    public static string RootFrom(string pagePath) => string.Concat(Enumerable.Repeat("../", pagePath.Count(c => c == '/')));

    /// <summary>A site path as a link from a page: each segment escaped (ids may hold '.' and '_', versions '+').</summary>
    public static string From(string pagePath, string sitePath) => RootFrom(pagePath) + SiteUrls.Escape(sitePath);
}
