namespace Mirror.Core.Rendering.Routing;

/// <summary>
/// Patterns over raw query values that both web server configs use, as the official service parses them (Go's
/// <c>strconv.ParseBool</c>, <c>strconv.Atoi</c>). A static site answers the queries a Mattermost server sends;
/// what it cannot answer from files (a search <c>filter</c>, paging, every version of every plugin) is a 400, never
/// a wrong answer; <c>mirror serve</c> answers those.
/// </summary>
internal static class QueryPatterns
{
    public const string True = "^(?:1|t|T|TRUE|true|True)$";

    /// <summary>A boolean the service accepts, or absent.</summary>
    public const string Boolean = "^(?:0|f|F|FALSE|false|False|1|t|T|TRUE|true|True)?$";

    /// <summary>A page number that is not negative, or absent (every answer is one page: per_page absent means all).</summary>
    public const string Page = "^(?:\\+?[0-9]+|-0+)?$";

    /// <summary>What <c>per_page</c> may be here: absent, -1 (all), or 0 (nothing).</summary>
    public const string PerPage = "^(?:-1|[-+]?0+)?$";

    /// <summary>Zero as Go's <c>strconv.Atoi</c> reads it: "-0" too.</summary>
    public const string PerPageZero = "^[-+]?0+$";

    /// <summary>A page after the first: without per_page every entry is on the first page, so it answers [].</summary>
    public const string LaterPage = $"^{LaterPageNumber}$";

    /// <summary>The same after "|", for nginx, which matches <c>per_page|page</c> as one value (an empty per_page: absent).</summary>
    public const string LaterPageWithoutPerPage = $"^\\|{LaterPageNumber}$";

    private const string LaterPageNumber = "\\+?0*[1-9][0-9]*";

    /// <summary>A filter that is empty once trimmed ('+' and %20 are spaces).</summary>
    public const string EmptyFilter = "^(?:\\+|%20|%09|%0[AaBbCcDd])*$";

    /// <summary>A plugin id the site may have (ids are lower case, 3 to 190 of these characters); any other answers [].</summary>
    public const string PluginId = $"^{PluginIdBody}$";

    /// <summary>The same, capturing the id (Apache passes on the last condition's groups).</summary>
    public const string CapturedPluginId = $"^({PluginIdBody})$";

    private const string PluginIdBody = "[a-z0-9._-]{3,190}";
}
