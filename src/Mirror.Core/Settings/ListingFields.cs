namespace Mirror.Core.Settings;

/// <summary>The marketplace fields a bundle does not carry (marketplace.md §3), set per plugin id in mirror.json.</summary>
internal sealed record ListingFields(string AuthorType, string ReleaseStage, bool Enterprise, string Hosting, string RepoName)
{
    public static readonly ListingFields Default = new("mattermost", "production", false, "", "");

    public static readonly IReadOnlyList<string> AuthorTypes = ["mattermost", "partner", "community"];

    public static readonly IReadOnlyList<string> ReleaseStages = ["production", "beta", "experimental"];

    public static readonly IReadOnlyList<string> Hostings = ["", "on-prem", "cloud"];
}
