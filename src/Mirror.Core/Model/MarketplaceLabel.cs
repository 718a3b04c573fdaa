using Mirror.Core.Settings;

namespace Mirror.Core.Model;

/// <summary>A label the official marketplace computes at query time (marketplace.md §3); a static site carries it precomputed.</summary>
internal sealed record MarketplaceLabel(string Name, string Description, string Url)
{
    private static readonly MarketplaceLabel Partner = new("Partner",
        "This plugin is maintained by a Mattermost Partner.", "https://mattermost.com/pl/default-partner-plugins");
    private static readonly MarketplaceLabel Community = new("Community",
        "This plugin is maintained by the Open Source Community.", "https://mattermost.com/pl/default-community-plugins");
    private static readonly MarketplaceLabel Beta = new("Beta",
        "This plugin is currently in Beta and is not recommended for use in production.", "https://mattermost.com/pl/default-beta-plugins");
    private static readonly MarketplaceLabel Experimental = new("Experimental",
        "This plugin is marked as experimental and not meant for production use. Please use with caution.",
        "https://mattermost.com/pl/default-experimental-plugins");
    private static readonly MarketplaceLabel Enterprise = new("Professional/Enterprise",
        "This plugin requires a Professional or Enterprise subscription.", "https://mattermost.com/pricing/");

    /// <summary>In the service's order: author, then release stage, then subscription.</summary>
    public static IReadOnlyList<MarketplaceLabel> For(ListingFields fields)
    {
        var labels = new List<MarketplaceLabel>();
        if (fields.AuthorType == "partner")
            labels.Add(Partner);
        if (fields.AuthorType == "community")
            labels.Add(Community);
        if (fields.ReleaseStage == "beta")
            labels.Add(Beta);
        if (fields.ReleaseStage == "experimental")
            labels.Add(Experimental);
        if (fields.Enterprise)
            labels.Add(Enterprise);
        return labels;
    }
}
