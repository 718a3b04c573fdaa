using System.Text.Json;
using Mirror.Core.Model;

namespace Mirror.Core.Rendering.Json;

/// <summary>One marketplace entry, keys in the order of the official <c>plugins.json</c> (marketplace.md §3).</summary>
internal static class MarketplaceEntry
{
    /// <param name="platform">
    /// The platform whose own bundle and signature replace the generic ones (an answer to <c>platform=…</c>), or null:
    /// the generic bundle, "" for both when the version has none (it is listed only to servers of its platforms).
    /// </param>
    public static void Write(Utf8JsonWriter writer, PublishedVersion version, Uri baseUrl, bool withLabels, string? platform = null)
    {
        var served = platform is null ? version.Generic : version.ByPlatform[platform];
        writer.WriteStartObject();
        writer.WriteString("homepage_url", version.Manifest.HomepageUrl);
        writer.WriteString("icon_data", version.Info.IconData);
        writer.WriteString("download_url", served is null ? "" : SiteUrls.Absolute(baseUrl, served.SitePath));
        writer.WriteString("release_notes_url", version.Manifest.ReleaseNotesUrl);
        // As the official service writes them (omitempty): no key at all when there is no label.
        if (withLabels && version.Labels.Count > 0)
        {
            writer.WritePropertyName("labels");
            writer.WriteArray(version.Labels, WriteLabel);
        }

        writer.WriteString("hosting", version.Fields.Hosting);
        writer.WriteString("author_type", version.Fields.AuthorType);
        writer.WriteString("release_stage", version.Fields.ReleaseStage);
        writer.WriteBoolean("enterprise", version.Fields.Enterprise);
        writer.WriteString("signature", served is null ? "" : Convert.ToBase64String(served.Check.SignatureBytes));
        writer.WriteString("repo_name", version.Fields.RepoName);
        writer.WritePropertyName("manifest");
        version.Manifest.Json().WriteTo(writer);
        writer.WritePropertyName("platforms");
        writer.WriteStartObject();
        foreach (var (name, bundle) in version.ByPlatform)
        {
            writer.WriteStartObject(name);
            writer.WriteString("download_url", SiteUrls.Absolute(baseUrl, bundle.SitePath));
            writer.WriteString("signature", Convert.ToBase64String(bundle.Check.SignatureBytes));
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        // The signature's creation time, never the build's: the same catalog always gives the same bytes.
        writer.WriteString("updated_at", JsonOutput.Rfc3339(version.Primary.Signature.SignedAt));
        writer.WriteEndObject();
    }

    public static void WriteLabel(Utf8JsonWriter writer, MarketplaceLabel label)
    {
        writer.WriteStartObject();
        writer.WriteString("name", label.Name);
        writer.WriteString("description", label.Description);
        writer.WriteString("url", label.Url);
        writer.WriteString("color", "");
        writer.WriteEndObject();
    }
}
