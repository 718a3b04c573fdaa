using System.Text.Json;
using Mirror.Core.Rendering.Json;

namespace Mirror.Core.KeyManagement;

/// <summary>What <c>mirror keys list --json</c> prints, for scripts.</summary>
public static class KeyListingJson
{
    public static byte[] Render(IReadOnlyList<KeyListing> listing) => JsonOutput.Render(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName("keys");
        writer.WriteArray(listing, WriteKey);
        writer.WriteEndObject();
    });

    private static void WriteKey(Utf8JsonWriter writer, KeyListing listing)
    {
        var key = listing.Key;
        writer.WriteStartObject();
        writer.WriteString("fingerprint", key.Fingerprint);
        writer.WriteString("long_key_id", listing.LongKeyId);
        writer.WriteString("user_id", key.UserId);
        writer.WriteString("algorithm", key.Algorithm);
        writer.WriteNumber("bits", key.Bits);
        writer.WriteString("created", JsonOutput.Rfc3339(key.Primary.Created));
        writer.WriteString("expires", key.Primary.Expires is { } end ? JsonOutput.Rfc3339(end) : "");
        writer.WriteBoolean("mattermost_can_use", listing.Assessment.MattermostCanUse);
        writer.WriteString("file", key.SourceFile);
        writer.WritePropertyName("warnings");
        writer.WriteArray(listing.Assessment.Warnings, (w, warning) => w.WriteStringValue(warning));
        writer.WriteEndObject();
    }
}
