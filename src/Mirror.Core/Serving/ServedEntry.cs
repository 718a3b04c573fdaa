using System.Text.Json;
using Mirror.Core.Model;
using Mirror.Core.Model.Queries;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Settings;
using Semver;

namespace Mirror.Core.Serving;

/// <summary>
/// One published version, read back from a built site's root <c>plugins.json</c> (the official format): what the query
/// semantics look at, and the entry itself, re-emitted as the site's API files write it (labels added, after
/// <c>release_notes_url</c>), so <c>serve</c> and the static files answer the same bytes.
/// </summary>
internal sealed class ServedEntry : IListingEntry
{
    private readonly JsonElement raw;

    private ServedEntry(JsonElement raw, ListingFields fields)
    {
        this.raw = raw;
        Fields = fields;
        var manifest = raw.GetProperty("manifest");
        Id = manifest.GetProperty("id").GetString()!;
        Name = OptionalString(manifest, "name");
        Description = OptionalString(manifest, "description");
        Version = SemVersion.Parse(manifest.GetProperty("version").GetString()!, SemVersionStyles.Strict);
        var minimum = OptionalString(manifest, "min_server_version");
        MinServerVersion = minimum.Length == 0 ? null : SemVersion.Parse(minimum, SemVersionStyles.Strict);
        Labels = MarketplaceLabel.For(fields);
        Platforms = raw.TryGetProperty("platforms", out var platforms) && platforms.ValueKind == JsonValueKind.Object
            ? platforms.EnumerateObject().ToDictionary(p => p.Name, p => new PlatformBundle(OptionalString(p.Value, "download_url"), OptionalString(p.Value, "signature")), StringComparer.Ordinal)
            : new Dictionary<string, PlatformBundle>(StringComparer.Ordinal);
        PlatformBundles = [.. Platforms.Where(p => p.Value.IsComplete).Select(p => p.Key)];
        HasGenericBundle = OptionalString(raw, "download_url").Length > 0;
    }

    /// <summary>A bundle built for one platform (<c>platforms.linux-arm64</c>, …).</summary>
    internal sealed record PlatformBundle(string DownloadUrl, string Signature)
    {
        /// <summary>The official service swaps a platform bundle in only when it has both.</summary>
        public bool IsComplete => DownloadUrl.Length > 0 && Signature.Length > 0;
    }

    public string Id { get; }

    public string Name { get; }

    public string Description { get; }

    public SemVersion Version { get; }

    public SemVersion? MinServerVersion { get; }

    public ListingFields Fields { get; }

    public IReadOnlyList<MarketplaceLabel> Labels { get; }

    public IReadOnlyDictionary<string, PlatformBundle> Platforms { get; }

    public bool Enterprise => Fields.Enterprise;

    public string Hosting => Fields.Hosting;

    /// <summary>False for a version built only for some platforms (its own <c>download_url</c> is empty).</summary>
    public bool HasGenericBundle { get; }

    /// <summary>The platforms with a complete bundle of their own (URL and signature): the service swaps only those in.</summary>
    public IReadOnlyCollection<string> PlatformBundles { get; }

    /// <exception cref="FormatException">The entry lacks what every entry of the official format has.</exception>
    public static ServedEntry Read(JsonElement entry)
    {
        try
        {
            var fields = new ListingFields(OptionalString(entry, "author_type"), OptionalString(entry, "release_stage"),
                entry.TryGetProperty("enterprise", out var enterprise) && enterprise.GetBoolean(), OptionalString(entry, "hosting"), OptionalString(entry, "repo_name"));
            return new ServedEntry(entry.Clone(), fields);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new FormatException("an entry lacks manifest.id or a strict semver manifest.version", e);
        }
    }

    /// <summary>
    /// Writes the entry as the site's API files write it, with <paramref name="platform"/>'s own bundle and signature
    /// in place of the generic ones when the engine chose it (marketplace.md §4.4); null keeps the generic bundle.
    /// </summary>
    public void Write(Utf8JsonWriter writer, string? platform)
    {
        var swap = platform is null ? null : Platforms[platform];
        writer.WriteStartObject();
        foreach (var property in raw.EnumerateObject())
        {
            if (property.NameEquals("labels"))
                continue;
            if (swap is not null && property.NameEquals("download_url"))
                writer.WriteString(property.Name, swap.DownloadUrl);
            else if (swap is not null && property.NameEquals("signature"))
                writer.WriteString(property.Name, swap.Signature);
            else
                property.WriteTo(writer);
            if (property.NameEquals("release_notes_url") && Labels.Count > 0)
            {
                writer.WritePropertyName("labels");
                writer.WriteArray(Labels, MarketplaceEntry.WriteLabel);
            }
        }

        writer.WriteEndObject();
    }

    private static string OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
