using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mirror.Core.Settings;
using Semver;

namespace Mirror.Core.Syncing;

/// <summary>
/// Records in <c>CATALOG/mirror.json</c> the marketplace fields a bundle does not carry (author type, release stage,
/// enterprise, hosting, repo name), so that <c>build</c> republishes the plugins as the upstream listed them. What the
/// file already says wins: a field already set for a plugin is never changed, every other key is kept as it is, and
/// only values that differ from the defaults are added (the file stays short and within its strict schema).
/// </summary>
internal static class SettingsMerge
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The fields of each plugin's newest kept version.</summary>
    /// <returns>The lines to print for upstream values left out because mirror.json could not hold them.</returns>
    public static IReadOnlyList<string> Record(string catalogDir, IEnumerable<WantedBundle> kept)
    {
        var newest = kept
            .GroupBy(b => b.Id)
            .Select(g => g.OrderByDescending(b => SemVersion.Parse(b.Version, SemVersionStyles.Strict), SemVersion.PrecedenceComparer).First())
            .OrderBy(b => b.Id, StringComparer.Ordinal);
        var path = Path.Combine(catalogDir, SettingsFile.FileName);
        var root = File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? [] : [];
        var plugins = root["plugins"] as JsonObject ?? [];
        var notes = new List<string>();
        var changed = false;
        foreach (var bundle in newest)
        {
            var existingKey = plugins.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, bundle.Id, StringComparison.OrdinalIgnoreCase)) ?? bundle.Id;
            var fields = plugins[existingKey] as JsonObject ?? [];
            var added = Fields(bundle, notes).Where(field => !fields.ContainsKey(field.Key)).ToList();
            if (added.Count == 0)
                continue;
            foreach (var (key, value) in added)
                fields[key] = value;
            plugins[existingKey] = fields;
            changed = true;
        }

        if (changed)
        {
            root["plugins"] = plugins;
            WholeFile.Write(path, Encoding.UTF8.GetBytes(root.ToJsonString(Indented)));
        }

        return notes;
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Fields(WantedBundle bundle, List<string> notes)
    {
        var fields = bundle.Fields;
        var defaults = ListingFields.Default;
        if (Allowed(fields.AuthorType, "author_type", ListingFields.AuthorTypes, bundle, notes) is { } author && author != defaults.AuthorType)
            yield return new("author_type", author);
        if (Allowed(fields.ReleaseStage, "release_stage", ListingFields.ReleaseStages, bundle, notes) is { } stage && stage != defaults.ReleaseStage)
            yield return new("release_stage", stage);
        if (fields.Enterprise is true)
            yield return new("enterprise", true);
        if (Allowed(fields.Hosting, "hosting", ListingFields.Hostings, bundle, notes) is { } hosting && hosting != defaults.Hosting)
            yield return new("hosting", hosting);
        if (!string.IsNullOrEmpty(fields.RepoName))
            yield return new("repo_name", fields.RepoName);
    }

    private static string? Allowed(string? value, string key, IReadOnlyList<string> allowed, WantedBundle bundle, List<string> notes)
    {
        if (value is null || allowed.Contains(value, StringComparer.Ordinal))
            return value;
        notes.Add($"{bundle.Label}: {key} \"{value}\" is not one mirror.json knows; left out");
        return null;
    }
}
