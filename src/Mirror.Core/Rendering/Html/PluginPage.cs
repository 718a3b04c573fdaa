using System.Text.Json.Nodes;
using Mirror.Core.Model;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Rendering.Html;

/// <summary>The model of <c>plugins/&lt;id&gt;/index.html</c>: what an admin weighs before enabling a plugin.</summary>
internal static class PluginPage
{
    internal sealed record Version(
        string Number, bool IsLatest, bool IsPrerelease, string MinServerVersion, string Size, long Bytes, string Sha256, string Download,
        string SignatureDownload, string DetailsUrl, string SignerUserId, string SignerFingerprint, string SigningKeyFingerprint,
        bool SignedBySubkey, string SignedAt, string HashAlgorithm, string KeyAlgorithm, IReadOnlyList<string> Warnings)
    {
        /// <summary>The platform the main download is built for alone ("" for the generic bundle).</summary>
        public string Platform { get; init; } = "";

        /// <summary>The version's other bundles, each built for one platform.</summary>
        public IReadOnlyList<PlatformDownload> Platforms { get; init; } = [];
    }

    /// <summary>A bundle built for one platform, published beside the version's generic bundle.</summary>
    internal sealed record PlatformDownload(string Platform, string Download, string SignatureDownload);

    internal sealed record Setting(string Key, string DisplayName, string Type, string Default, string HelpText);

    internal sealed record Label(string Name, string Description);

    public static object Model(PluginVersions plugin)
    {
        var page = PageLinks.PluginPage(plugin.Id);
        var latest = plugin.Latest;
        var manifest = latest.Manifest;
        var schema = manifest.Json()["settings_schema"] as JsonObject;
        return new
        {
            plugin.Id,
            manifest.Name,
            manifest.Description,
            Icon = CatalogPage.Icon(latest.Primary, page),
            Readme = latest.Info.Readme is { } readme ? SafeMarkdown.ToHtml(readme) : null,
            manifest.HomepageUrl,
            manifest.SupportUrl,
            manifest.ReleaseNotesUrl,
            Labels = latest.Labels.Select(l => new Label(l.Name, l.Description)).ToList(),
            manifest.Platforms,
            PlatformsText = ServerVersions.Platforms(manifest),
            WhoGetsWhat = plugin.Versions.Count > 1 ? ServerVersions.WhoGetsWhat(plugin) : [],
            Versions = plugin.Versions.Select(v => ToVersion(v, v.Primary, v == latest, page)).ToList(),
            SettingsHeader = Text(schema?["header"]),
            SettingsFooter = Text(schema?["footer"]),
            Settings = (schema?["settings"] as JsonArray ?? []).OfType<JsonObject>().Select(ToSetting).ToList(),
        };
    }

    /// <summary>A version as the pages show it: <paramref name="bundle"/> in full, and a download for each of the version's platform bundles.</summary>
    public static Version ToVersion(PublishedVersion version, PublishedBundle bundle, bool isLatest, string page)
    {
        var signature = bundle.Signature;
        var others = version.ByPlatform.Values.Where(b => b != bundle)
            .Select(b => new PlatformDownload(b.Platform!, PageLinks.From(page, b.SitePath), PageLinks.From(page, b.SignatureSitePath)))
            .ToList();
        return new Version(
            bundle.Manifest.VersionText,
            isLatest,
            bundle.Manifest.Version.IsPrerelease,
            bundle.Manifest.MinServerVersionText,
            DisplayFormat.Size(bundle.Check.Size),
            bundle.Check.Size,
            bundle.Check.Sha256,
            PageLinks.From(page, bundle.SitePath),
            PageLinks.From(page, bundle.SignatureSitePath),
            PageLinks.From(page, PageLinks.VersionPage(bundle.Manifest.Id, bundle.Manifest.VersionText)),
            signature.SignerUserId,
            DisplayFormat.Fingerprint(signature.SignerFingerprint),
            DisplayFormat.Fingerprint(signature.SigningKeyFingerprint),
            signature.SigningKeyFingerprint != signature.SignerFingerprint,
            DisplayFormat.Moment(signature.SignedAt),
            signature.HashAlgorithm,
            KeyAlgorithms.Describe(signature.KeyAlgorithm, signature.KeyBits),
            bundle.Check.Warnings) { Platform = bundle.Platform ?? "", Platforms = others };
    }

    private static Setting ToSetting(JsonObject setting) => new(
        Text(setting["key"]), Text(setting["display_name"]), Text(setting["type"]), Text(setting["default"]), Text(setting["help_text"]));

    /// <summary>Any JSON value as display text: strings as they are, other values as JSON.</summary>
    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
