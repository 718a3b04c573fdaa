using System.Buffers;
using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mirror.Core.Bundles.Archive;
using Semver;

namespace Mirror.Core.Bundles.Manifests;

/// <summary>Applies Mattermost's manifest rules (marketplace.md §6) and checks that every path it names stays inside the plugin.</summary>
internal static partial class ManifestValidator
{
    public const int MinIdLength = 3;
    public const int MaxIdLength = 190;

    /// <summary>Top-level keys Mattermost reads as strings (a YAML <c>version: 1.0</c> must stay "1.0").</summary>
    public static readonly FrozenSet<string> StringKeys = FrozenSet.ToFrozenSet(
        ["id", "name", "description", "homepage_url", "support_url", "release_notes_url", "icon_path", "version", "min_server_version"],
        StringComparer.Ordinal);

    /// <exception cref="BundleRefusedException">A rule is broken; the message names the key.</exception>
    public static (PluginManifest Manifest, IReadOnlyList<string> Warnings) Validate(JsonObject raw, string sourceFile, string pluginRoot)
    {
        var warnings = new List<string>();
        var id = RequiredString(raw, "id", sourceFile);
        if (id.Length is < MinIdLength or > MaxIdLength || !IdPattern().IsMatch(id))
        {
            throw Invalid($"{sourceFile}: id {EntryPaths.Quote(id)} must be {MinIdLength}–{MaxIdLength} characters of a-z, A-Z, 0-9, '-', '_' and '.'");
        }

        id = id.ToLowerInvariant();
        raw["id"] = id;
        var name = RequiredString(raw, "name", sourceFile);
        if (string.IsNullOrWhiteSpace(name))
            throw Invalid($"{sourceFile}: \"name\" is blank");
        var version = StrictSemver(RequiredString(raw, "version", sourceFile), "version", sourceFile);
        var minServer = OptionalString(raw, "min_server_version", sourceFile) is { Length: > 0 } min
            ? StrictSemver(min, "min_server_version", sourceFile)
            : null;

        // The values a plugin's versions (or a publisher's plugins) repeat are kept once.
        var manifest = new PluginManifest(
            id,
            name,
            SharedStrings.Of(OptionalString(raw, "description", sourceFile) ?? ""),
            version,
            minServer,
            SharedStrings.Of(SafeUrl(raw, "homepage_url", sourceFile, warnings)),
            SharedStrings.Of(SafeUrl(raw, "support_url", sourceFile, warnings)),
            SharedStrings.Of(SafeUrl(raw, "release_notes_url", sourceFile, warnings)),
            SharedStrings.Of(OptionalString(raw, "icon_path", sourceFile) ?? ""),
            Platforms(raw, sourceFile),
            Compact(raw),
            SharedStrings.Of(sourceFile));
        RequirePathsInside(raw, manifest.SourceFile, pluginRoot);
        return (manifest, warnings);
    }

    private static List<string> Platforms(JsonObject raw, string sourceFile)
    {
        if (raw["server"] is not JsonObject server || server["executables"] is not { } executables)
            return [];
        if (executables is not JsonObject map)
            throw Invalid($"{sourceFile}: \"server.executables\" must map platforms to paths");
        return map.Select(p => SharedStrings.Of(p.Key)).Order(StringComparer.Ordinal).ToList();
    }

    private static byte[] Compact(JsonObject raw)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            raw.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void RequirePathsInside(JsonObject raw, string sourceFile, string pluginRoot)
    {
        foreach (var (key, path) in PathsNamed(raw, sourceFile))
        {
            if (!EntryPaths.TryResolveInside(pluginRoot, path, out _))
            {
                throw new BundleRefusedException(BundleRefusalCodes.UnsafeEntry,
                    $"{sourceFile}: \"{key}\" {EntryPaths.Quote(path)} points outside the plugin folder");
            }
        }
    }

    /// <summary>Every path the manifest names: icon, webapp bundle, server executables.</summary>
    internal static IEnumerable<(string Key, string Path)> PathsNamed(JsonObject raw, string sourceFile)
    {
        if (OptionalString(raw, "icon_path", sourceFile) is { Length: > 0 } icon)
            yield return ("icon_path", icon);
        if (raw["webapp"] is JsonObject webapp && StringAt(webapp, "bundle_path", "webapp.bundle_path", sourceFile) is { Length: > 0 } bundle)
            yield return ("webapp.bundle_path", bundle);
        if (raw["server"] is not JsonObject server)
            yield break;
        if (StringAt(server, "executable", "server.executable", sourceFile) is { Length: > 0 } executable)
            yield return ("server.executable", executable);
        if (server["executables"] is JsonObject executables)
        {
            foreach (var (platform, _) in executables)
            {
                if (StringAt(executables, platform, $"server.executables.{platform}", sourceFile) is { Length: > 0 } path)
                    yield return ($"server.executables.{platform}", path);
            }
        }
    }

    /// <summary>
    /// Mattermost renders homepage and release-notes URLs as links; anything but http(s) with a host (a
    /// <c>javascript:</c> URL, say) is dropped from what we publish and shown as a warning.
    /// </summary>
    private static string SafeUrl(JsonObject raw, string key, string sourceFile, List<string> warnings)
    {
        var text = OptionalString(raw, key, sourceFile) ?? "";
        if (text.Length == 0 || IsHttpUrl(text))
            return text;
        warnings.Add($"unsafe-url: {sourceFile}: \"{key}\" {EntryPaths.Quote(text)} is not an http(s) URL; left out of the listing");
        return "";
    }

    public static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        uri.Host.Length > 0;

    private static SemVersion StrictSemver(string text, string key, string sourceFile)
    {
        if (!SemVersion.TryParse(text, SemVersionStyles.Strict, out var version))
            throw Invalid($"{sourceFile}: \"{key}\" {EntryPaths.Quote(text)} is not a strict semantic version such as 1.2.3");
        // Go's semver (which Mattermost uses) keeps each number in a uint64: a larger one cannot be compared there.
        if (new[] { version.Major, version.Minor, version.Patch }.Concat(version.PrereleaseIdentifiers.Where(p => p.NumericValue is not null).Select(p => p.NumericValue!.Value))
            .Any(n => n > ulong.MaxValue))
        {
            throw Invalid($"{sourceFile}: \"{key}\" {EntryPaths.Quote(text)} has a number above 18446744073709551615 (2^64-1), which Mattermost cannot compare");
        }
        return version;
    }

    private static string RequiredString(JsonObject raw, string key, string sourceFile) =>
        OptionalString(raw, key, sourceFile) ?? throw Invalid($"{sourceFile}: \"{key}\" is missing");

    private static string? OptionalString(JsonObject raw, string key, string sourceFile) => StringAt(raw, key, key, sourceFile);

    private static string? StringAt(JsonObject parent, string key, string path, string sourceFile) => parent[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Invalid($"{sourceFile}: \"{path}\" must be a string"),
    };

    private static BundleRefusedException Invalid(string message) => new(BundleRefusalCodes.InvalidManifest, message);

    [GeneratedRegex(@"^[a-zA-Z0-9\-_.]+$")]
    private static partial Regex IdPattern();
}
