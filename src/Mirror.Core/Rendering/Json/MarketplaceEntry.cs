using System.Text.Json;
using Mirror.Core.Model;

namespace Mirror.Core.Rendering.Json;

/// <summary>One marketplace entry, keys in the order of the official <c>plugins.json</c> (marketplace.md §3).</summary>
public static class MarketplaceEntry
{
    public static void Write(Utf8JsonWriter writer, PublishedBundle bundle, Uri baseUrl, bool withLabels)
    {
        writer.WriteStartObject();
        writer.WriteString("homepage_url", bundle.Manifest.HomepageUrl);
        writer.WriteString("icon_data", bundle.Info.IconData);
        writer.WriteString("download_url", SiteUrls.Absolute(baseUrl, bundle.SitePath));
        writer.WriteString("release_notes_url", bundle.Manifest.ReleaseNotesUrl);
        if (withLabels)
        {
            writer.WritePropertyName("labels");
            writer.WriteArray(bundle.Labels, WriteLabel);
        }

        writer.WriteString("hosting", bundle.Fields.Hosting);
        writer.WriteString("author_type", bundle.Fields.AuthorType);
        writer.WriteString("release_stage", bundle.Fields.ReleaseStage);
        writer.WriteBoolean("enterprise", bundle.Fields.Enterprise);
        writer.WriteString("signature", Convert.ToBase64String(bundle.Check.SignatureBytes));
        writer.WriteString("repo_name", bundle.Fields.RepoName);
        writer.WritePropertyName("manifest");
        bundle.Manifest.Raw.WriteTo(writer);
        writer.WritePropertyName("platforms");
        writer.WriteStartObject();
        writer.WriteEndObject();
        // The signature's creation time, never the build's: the same catalog always gives the same bytes.
        writer.WriteString("updated_at", JsonOutput.Rfc3339(bundle.Signature.SignedAt));
        writer.WriteEndObject();
    }

    private static void WriteLabel(Utf8JsonWriter writer, MarketplaceLabel label)
    {
        writer.WriteStartObject();
        writer.WriteString("name", label.Name);
        writer.WriteString("description", label.Description);
        writer.WriteString("url", label.Url);
        writer.WriteString("color", "");
        writer.WriteEndObject();
    }
}
