using System.Text.Json;
using System.Text.Unicode;
using Mirror.OpenPgp.Files;
using Semver;

namespace Mirror.Core.Settings;

/// <summary>
/// The optional <c>CATALOG/mirror.json</c>: site settings and per-plugin marketplace fields. <c>//</c> comments and
/// trailing commas are allowed, so that <c>mirror init</c>'s commented example works with any line uncommented.
/// </summary>
internal sealed record SettingsFile(string? Title, string? BaseUrl, IReadOnlyList<string>? Targets, IReadOnlyDictionary<string, ListingFields> Plugins)
{
    public const string FileName = "mirror.json";

    private static readonly string[] TopLevelKeys = ["title", "base_url", "targets", "plugins"];
    private static readonly string[] PluginKeys = ["author_type", "release_stage", "enterprise", "hosting", "repo_name"];

    /// <summary>Far more than any real settings file; a link to /dev/zero stops here.</summary>
    private const long MaxBytes = 4 << 20;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private const string LoneSurrogate = "it escapes half of a UTF-16 surrogate pair, such as \\ud800 alone";

    public static readonly SettingsFile Empty = new(null, null, null, new Dictionary<string, ListingFields>());

    /// <summary>How mirror.json is read, by every command: comments and trailing commas allowed.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The bytes these settings were parsed from (none without a file): what the build cache is keyed on.</summary>
    public ReadOnlyMemory<byte> Bytes { get; private init; }

    /// <summary>The JSON of <see cref="Bytes"/>: without the byte order mark Windows editors start UTF-8 files with.</summary>
    public ReadOnlyMemory<byte> Json => Bytes.Span.StartsWith(Utf8Bom) ? Bytes[Utf8Bom.Length..] : Bytes;

    /// <exception cref="MirrorException">The file is not valid JSON, or has an unknown key or a bad value.</exception>
    public static SettingsFile Load(string catalogDir)
    {
        var path = Path.Combine(catalogDir, FileName);
        if (!Path.Exists(path) && new FileInfo(path).LinkTarget is null)
            return Empty;
        if (Directory.Exists(path))
            throw Bad("is a folder, not a file");
        ReadOnlyMemory<byte> bytes;
        try
        {
            bytes = RegularFile.ReadAll(path, MaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Bad($"cannot be read ({e.Message.TrimEnd('.')})");
        }

        return Read(bytes);
    }

    /// <summary>The settings a mirror.json holding <paramref name="bytes"/> gives, read as <see cref="Load"/> reads the file.</summary>
    /// <exception cref="MirrorException">The bytes are not valid JSON, or have an unknown key or a bad value.</exception>
    public static SettingsFile Read(ReadOnlyMemory<byte> bytes)
    {
        var file = Empty with { Bytes = bytes };
        // The reader checks UTF-8 only where it must: a string's bad bytes would surface when it is read, as if it were an escape.
        if (!Utf8.IsValid(file.Json.Span))
            throw Bad("is not UTF-8 text, as JSON must be");
        try
        {
            using var document = ParseDocument(file.Json);
            return Parse(document.RootElement) with { Bytes = file.Bytes };
        }
        catch (JsonException e)
        {
            throw Bad($"not valid JSON ({e.Message})");
        }
    }

    private static JsonDocument ParseDocument(ReadOnlyMemory<byte> json)
    {
        var options = new JsonDocumentOptions
        {
            MaxDepth = ReaderOptions.MaxDepth,
            CommentHandling = ReaderOptions.CommentHandling,
            AllowTrailingCommas = ReaderOptions.AllowTrailingCommas,
            AllowDuplicateProperties = false,
        };
        try
        {
            return JsonDocument.Parse(json, options);
        }
        catch (InvalidOperationException)
        {
            // Looking for a key given twice reads every key as text, and one that escapes half a surrogate pair cannot
            // be read: the walk that checks every key finds it again and says where it is.
            options.AllowDuplicateProperties = true;
            using var lenient = JsonDocument.Parse(json, options);
            _ = Parse(lenient.RootElement);
            throw Bad($"a key is not valid text ({LoneSurrogate})");
        }
    }

    private static SettingsFile Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Bad("must hold a JSON object");
        RejectUnknownKeys(root, TopLevelKeys, "");
        var targets = root.TryGetProperty("targets", out var t) ? ReadTargets(t) : null;
        var plugins = new Dictionary<string, ListingFields>(StringComparer.Ordinal);
        if (root.TryGetProperty("plugins", out var p))
        {
            if (p.ValueKind != JsonValueKind.Object)
                throw Bad("\"plugins\" must be an object mapping plugin ids to their fields");
            // Ids are compared lower-cased: two keys equal so would be one plugin, and only one of them could count.
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var plugin in p.EnumerateObject())
            {
                var id = Name(plugin, "in \"plugins\"");
                if (!keys.TryAdd(id.ToLowerInvariant(), id))
                    throw Bad($"\"plugins\" has both \"{keys[id.ToLowerInvariant()]}\" and \"{id}\", the same plugin id ignoring case; keep one");
                plugins[id.ToLowerInvariant()] = ReadPlugin(id, plugin.Value);
            }
        }

        return new SettingsFile(OptionalString(root, "title", "title"), OptionalString(root, "base_url", "base_url"), targets, plugins);
    }

    private static List<string> ReadTargets(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw Bad("\"targets\" must be an array of server versions such as \"10.5.0\"");
        var targets = element.EnumerateArray().Select(e => Text(e, "targets")).ToList();
        foreach (var target in targets)
            _ = ParseTarget(target, $"{FileName}: \"targets\"");
        return targets;
    }

    private static ListingFields ReadPlugin(string id, JsonElement element)
    {
        var where = $"plugins.{id}";
        if (element.ValueKind != JsonValueKind.Object)
            throw Bad($"\"{where}\" must be an object");
        RejectUnknownKeys(element, PluginKeys, where + ".");
        var defaults = ListingFields.Default;
        var enterprise = defaults.Enterprise;
        if (element.TryGetProperty("enterprise", out var e))
        {
            enterprise = e.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Bad($"\"{where}.enterprise\" must be true or false"),
            };
        }

        return new ListingFields(
            OneOf(element, "author_type", where, ListingFields.AuthorTypes) ?? defaults.AuthorType,
            OneOf(element, "release_stage", where, ListingFields.ReleaseStages) ?? defaults.ReleaseStage,
            enterprise,
            OneOf(element, "hosting", where, ListingFields.Hostings) ?? defaults.Hosting,
            OptionalString(element, "repo_name", $"{where}.repo_name") ?? defaults.RepoName);
    }

    private static string? OneOf(JsonElement element, string key, string where, IReadOnlyList<string> allowed)
    {
        var value = OptionalString(element, key, $"{where}.{key}");
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            var choices = string.Join(", ", allowed.Select(a => $"\"{a}\""));
            throw Bad($"\"{where}.{key}\" is \"{value}\"; expected one of {choices}");
        }

        return value;
    }

    private static string? OptionalString(JsonElement element, string key, string where)
    {
        if (!element.TryGetProperty(key, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw Bad($"\"{where}\" must be a string");
        return Text(value, where);
    }

    private static void RejectUnknownKeys(JsonElement element, string[] known, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = Name(property, prefix.Length == 0 ? "at the top level" : $"in \"{prefix.TrimEnd('.')}\"");
            if (!known.Contains(name, StringComparer.Ordinal))
                throw Bad($"unknown key \"{prefix}{name}\" (known: {string.Join(", ", known)})");
        }
    }

    /// <summary>
    /// A string's text. JSON may escape half of a UTF-16 surrogate pair (<c>"\ud800"</c>), which is no character: .NET
    /// refuses to read it as a string, and no page or API answer could hold it.
    /// </summary>
    private static string Text(JsonElement value, string where)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Bad($"\"{where}\" is not valid text ({LoneSurrogate})");
        }
    }

    private static string Name(JsonProperty property, string where)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw Bad($"a key {where} is not valid text ({LoneSurrogate})");
        }
    }

    /// <summary>A target server version: strict semver, as Mattermost reports its own version.</summary>
    public static SemVersion ParseTarget(string text, string where)
    {
        if (!SemVersion.TryParse(text, SemVersionStyles.Strict, out var version) || version.IsPrerelease || version.Metadata.Length > 0)
            throw new MirrorException($"{where}: \"{text}\" is not a server version such as 10.5.0");
        return version;
    }

    private static MirrorException Bad(string reason) => new($"{FileName}: {reason}");
}
