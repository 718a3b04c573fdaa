using Semver;

namespace Mirror.Core.Settings;

/// <summary>What a build needs to know, after mirror.json and the command-line flags are merged.</summary>
public sealed record SiteSettings(
    string Title,
    Uri BaseUrl,
    IReadOnlyList<SemVersion> Targets,
    IReadOnlyDictionary<string, ListingFields> Plugins)
{
    public const string DefaultTitle = "Plugin Mirror";

    public static readonly Uri DefaultBaseUrl = new("http://localhost:8080/");

    public ListingFields FieldsFor(string pluginId) =>
        Plugins.TryGetValue(pluginId, out var fields) ? fields : ListingFields.Default;

    /// <summary>The path part of the base URL as web servers match it: decoded, without its trailing slash ("" at the server root).</summary>
    public string BasePath => ServedPath.Of(BaseUrl);
}
