using Semver;

namespace Mirror.Core.Model.Queries;

/// <summary>
/// The parameters of <c>GET …/api/v1/plugins</c>, typed (marketplace.md §1, §4). What a Mattermost server sends is
/// <see cref="ForServer"/>; <see cref="QueryStringParser"/> reads any query string into this.
/// </summary>
/// <param name="PerPage">Null when absent: everything (our deliberate difference; the official service pages at 100). -1 is everything too, 0 nothing.</param>
/// <param name="ServerVersion">Null when <c>server_version</c> is absent or empty.</param>
/// <param name="Filter">As sent; the engine trims it, as the service does.</param>
internal sealed record QueryParameters(
    long Page = 0,
    long? PerPage = null,
    string Filter = "",
    SemVersion? ServerVersion = null,
    bool EnterprisePlugins = false,
    bool Cloud = false,
    string Platform = "",
    string PluginId = "",
    bool ReturnAllVersions = false)
{
    public const long AllPerPage = -1;

    /// <summary>The version from which <c>enterprise_plugins=false</c> hides enterprise plugins (the service's MM-26507 workaround).</summary>
    public static readonly SemVersion EnterpriseFlagsFrom = new(5, 25, 0);

    /// <summary>The query a Mattermost server sends: the listing (no <paramref name="pluginId"/>) or an install.</summary>
    public static QueryParameters ForServer(SemVersion serverVersion, string platform, bool enterprise = false, bool cloud = false,
        string pluginId = "", bool returnAllVersions = false) =>
        new(ServerVersion: serverVersion, EnterprisePlugins: enterprise, Cloud: cloud, Platform: platform, PluginId: pluginId,
            ReturnAllVersions: returnAllVersions);

    /// <summary>
    /// The query as a pinned listing (<c>mm/VERSION/</c>) answers it: a server newer than <paramref name="pin"/>, or one
    /// that does not say, is taken as <paramref name="pin"/>; an older one keeps its own version, so that it is never
    /// offered a version it cannot run. The static configs do the same before they pick an answer.
    /// </summary>
    public QueryParameters PinnedTo(SemVersion pin) =>
        ServerVersion is { } server && server.ComparePrecedenceTo(pin) < 0 ? this : this with { ServerVersion = pin };

    /// <summary>
    /// The query string a Mattermost server sends for these parameters (marketplace.md §1: every key, sorted, no
    /// <c>per_page</c>): what <c>mirror sync</c> asks an upstream marketplace, and what the tests ask our site.
    /// </summary>
    public string ToServerQueryString(bool buildEnterpriseReady = false) =>
        $"build_enterprise_ready={Bool(buildEnterpriseReady)}&cloud={Bool(Cloud)}&enterprise_plugins={Bool(EnterprisePlugins)}" +
        $"&filter={Uri.EscapeDataString(Filter)}&local_only=false&page={Page}&platform={Uri.EscapeDataString(Platform)}" +
        $"&plugin_id={Uri.EscapeDataString(PluginId)}&remote_only=false&return_all_versions={Bool(ReturnAllVersions)}" +
        $"&server_version={Uri.EscapeDataString(ServerVersion?.ToString() ?? "")}";

    private static string Bool(bool value) => value ? "true" : "false";
}
