namespace Mirror.Core.Syncing;

/// <summary>
/// The listing request of marketplace.md §1, as a Mattermost server sends it: every key present, sorted. Asked as a
/// licensed on-prem server (enterprise plugins included, cloud-only ones left out) with no platform, so the generic
/// bundles come back (the official service swaps in a platform bundle when <c>platform</c> names one).
/// </summary>
internal static class MarketplaceQuery
{
    /// <summary>The official service's page size when the server sends no <c>per_page</c> (servers never do).</summary>
    public const int OfficialPageSize = 100;

    public static Uri Listing(Uri marketplace, string? serverVersion, string pluginId = "", bool allVersions = false, string platform = "", int page = 0)
    {
        var query = string.Join('&',
            "build_enterprise_ready=true",
            "cloud=false",
            "enterprise_plugins=true",
            "filter=",
            "local_only=false",
            $"page={page}",
            $"platform={Uri.EscapeDataString(platform)}",
            $"plugin_id={Uri.EscapeDataString(pluginId)}",
            "remote_only=false",
            $"return_all_versions={(allVersions ? "true" : "false")}",
            $"server_version={Uri.EscapeDataString(serverVersion ?? "")}");
        return new Uri($"{marketplace.AbsoluteUri.TrimEnd('/')}/api/v1/plugins?{query}");
    }

    /// <summary>A Marketplace URL: absolute http(s), no query (the server replaces it) or credentials.</summary>
    /// <exception cref="MirrorException">Anything else.</exception>
    public static Uri ParseMarketplaceUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            throw new MirrorException($"--from \"{ShownUrl.Of(text)}\" is not a Marketplace URL such as https://api.integrations.mattermost.com");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            throw new MirrorException($"--from \"{ShownUrl.Of(text)}\" must not carry a query, a fragment or credentials");
        return uri;
    }
}
