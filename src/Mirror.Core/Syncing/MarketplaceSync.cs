using Mirror.Core.Settings;

namespace Mirror.Core.Syncing;

/// <summary><c>mirror sync</c>: asks a Marketplace URL what a Mattermost server asks, and brings what it lists.</summary>
/// <param name="ServerVersions">Ask as servers of these versions; none: as the official clients do with no version (newest of every plugin).</param>
/// <param name="PluginIds">Only these plugins (asked with <c>plugin_id</c>, as a server does when it installs one).</param>
public sealed record SyncRequest(
    string From,
    string CatalogDir,
    IReadOnlyList<string> ServerVersions,
    IReadOnlyList<string> Platforms,
    bool AllVersions,
    IReadOnlyList<string> PluginIds,
    IReadOnlyList<string> KeyPaths);

public static class MarketplaceSync
{
    /// <summary>More pages than any Marketplace has: a server that ignores <c>page</c> is caught sooner, by repetition.</summary>
    private const int MaxPages = 1000;

    /// <exception cref="MirrorException">Bad usage (2), or the Marketplace cannot be asked (1): nothing was downloaded.</exception>
    public static SyncReport Run(SyncRequest request, Downloader downloader, Action<WantedBundle>? starting = null)
    {
        var from = MarketplaceQuery.ParseMarketplaceUrl(request.From);
        var versions = request.ServerVersions.Select(v => (string?)SettingsFile.ParseTarget(v, "--server-version").ToString()).Distinct().ToList();
        foreach (var platform in request.Platforms)
            RequirePlatform(platform);
        var run = SyncRun.Open(request.CatalogDir, request.KeyPaths);

        var plan = new SyncPlan();
        var ids = request.PluginIds.Select(id => id.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (versions.Count == 0)
            versions.Add(null);
        foreach (var version in versions)
        {
            var entries = Ask(downloader, from, version, request, ids, platform: "").Where(e => ids.Count == 0 || ids.Contains(e.Id)).ToList();
            plan.AddEntries(entries, request.Platforms);
            foreach (var platform in request.Platforms)
            {
                foreach (var entry in Ask(downloader, from, version, request, ids, platform))
                    plan.AddPlatformAnswer(entry, platform);
            }
        }

        if (plan.Count == 0)
            throw new MirrorException($"{from.AbsoluteUri.TrimEnd('/')}/api/v1/plugins listed no plugin{(ids.Count > 0 ? " of those ids" : "")}; nothing to sync", ExitCodes.Failure);
        return run.Bring(plan, new DownloadSource(downloader), starting, () => downloader.BytesReceived);
    }

    /// <summary>
    /// The listing (page by page while pages come full), then, for every version of each plugin, the query a server
    /// sends to install one exact version; with <c>--plugin</c>, only that query for each id.
    /// </summary>
    private static List<UpstreamEntry> Ask(Downloader downloader, Uri from, string? version, SyncRequest request, HashSet<string> ids, string platform)
    {
        var entries = new List<UpstreamEntry>();
        var pluginIds = ids.Count > 0 ? ids.Order(StringComparer.Ordinal).ToList() : [];
        if (pluginIds.Count == 0)
        {
            entries.AddRange(Listing(downloader, from, version, platform));
            if (request.AllVersions)
                pluginIds = entries.Select(e => e.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        }

        foreach (var id in pluginIds)
            entries.AddRange(Get(downloader, MarketplaceQuery.Listing(from, version, id, request.AllVersions, platform)));
        return entries;
    }

    private static List<UpstreamEntry> Listing(Downloader downloader, Uri from, string? version, string platform)
    {
        var entries = new List<UpstreamEntry>();
        var seen = new HashSet<(string, string, string)>();
        for (var page = 0; page < MaxPages; page++)
        {
            var answer = Get(downloader, MarketplaceQuery.Listing(from, version, platform: platform, page: page));
            var fresh = answer.Where(e => seen.Add((e.Id, e.Version, e.DownloadUrl))).ToList();
            entries.AddRange(fresh);
            if (answer.Count < MarketplaceQuery.OfficialPageSize || fresh.Count == 0)
                break;
        }

        return entries;
    }

    private static IReadOnlyList<UpstreamEntry> Get(Downloader downloader, Uri query) =>
        ListingParser.Parse(downloader.GetBytes(query, ListingParser.MaxBytes), query.GetLeftPart(UriPartial.Path));

    public static void RequirePlatform(string platform)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(platform, "^[a-z0-9]+-[a-z0-9]+$"))
            throw new MirrorException($"--platform \"{platform}\" is not a platform such as linux-amd64");
    }
}
