using System.Text.Json;

namespace Mirror.Core.Syncing;

/// <summary>
/// Reads a Marketplace answer or a <c>plugins.json</c>: a JSON array of entries. Only the keys the mirror needs are
/// read; an entry without a manifest id is skipped (the official service would not list it either).
/// </summary>
internal static class ListingParser
{
    /// <summary>A listing larger than this is not a Marketplace answer (the official plugins.json is about 2 MB).</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <exception cref="MirrorException">Not a JSON array of objects.</exception>
    public static IReadOnlyList<UpstreamEntry> Parse(byte[] json, string source)
    {
        if (json.Length == 0)
            return [];
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw Bad(source, "not a JSON array of plugin entries");
            return document.RootElement.EnumerateArray()
                .Select(element => element.ValueKind == JsonValueKind.Object ? Entry(element) : throw Bad(source, "an entry is not a JSON object"))
                .OfType<UpstreamEntry>()
                .ToList();
        }
        catch (JsonException e)
        {
            throw Bad(source, $"not valid JSON ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            // JSON's syntax allows "\ud800" alone; .NET refuses to decode it only when the string (or key) is read.
            throw Bad(source, $"a string is not valid text ({e.Message})");
        }
    }

    private static UpstreamEntry? Entry(JsonElement entry)
    {
        if (!entry.TryGetProperty("manifest", out var manifest) || manifest.ValueKind != JsonValueKind.Object)
            return null;
        var id = Text(manifest, "id");
        if (string.IsNullOrEmpty(id))
            return null;
        var fields = new UpstreamFields(Text(entry, "author_type"), Text(entry, "release_stage"),
            entry.TryGetProperty("enterprise", out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : null,
            Text(entry, "hosting"), Text(entry, "repo_name"));
        return new UpstreamEntry(id.ToLowerInvariant(), Text(manifest, "version") ?? "", Text(entry, "download_url") ?? "",
            Text(entry, "signature") ?? "", fields, Platforms(entry));
    }

    private static Dictionary<string, PlatformBundle> Platforms(JsonElement entry)
    {
        var platforms = new Dictionary<string, PlatformBundle>(StringComparer.Ordinal);
        if (!entry.TryGetProperty("platforms", out var all) || all.ValueKind != JsonValueKind.Object)
            return platforms;
        foreach (var platform in all.EnumerateObject())
        {
            if (platform.Value.ValueKind != JsonValueKind.Object)
                continue;
            var url = Text(platform.Value, "download_url");
            if (!string.IsNullOrEmpty(url))
                platforms[platform.Name] = new PlatformBundle(url, Text(platform.Value, "signature") ?? "");
        }

        return platforms;
    }

    private static string? Text(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static MirrorException Bad(string source, string reason) => new($"{source}: {reason}", ExitCodes.Failure);
}
