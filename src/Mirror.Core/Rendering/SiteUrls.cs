using Mirror.Core.Settings;
using Semver;

namespace Mirror.Core.Rendering;

public static class SiteUrls
{
    /// <summary>Every URL a Mattermost server can use as <c>PluginSettings.MarketplaceURL</c>: the root, then each target.</summary>
    public static IEnumerable<string> MarketplaceUrls(SiteSettings settings) =>
        Endpoints(settings).Select(t => MarketplaceUrl(settings, t));

    /// <summary>The value for <c>PluginSettings.MarketplaceURL</c>: the base URL, or <c>&lt;base&gt;/mm/VERSION</c>.</summary>
    public static string MarketplaceUrl(SiteSettings settings, SemVersion? target) =>
        settings.BaseUrl.AbsoluteUri.TrimEnd('/') + (target is null ? "" : $"/mm/{target}");

    /// <summary>The server versions the site answers for: null (any version, the root) first, then each target.</summary>
    public static IEnumerable<SemVersion?> Endpoints(SiteSettings settings) => settings.Targets.Prepend(null);

    /// <summary>An absolute URL for a site-relative path, each segment percent-encoded (a semver's '+' included).</summary>
    public static string Absolute(Uri baseUrl, string sitePath) => baseUrl.AbsoluteUri + Escape(sitePath);

    public static string Escape(string sitePath) => string.Join('/', sitePath.Split('/').Select(Uri.EscapeDataString));
}
