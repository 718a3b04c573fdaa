using System.Text.Json;
using System.Text.Json.Nodes;
using Mirror.Core.Scanning;
using Mirror.Core.Settings;
using Semver;

namespace Mirror.Core.Syncing;

/// <summary>
/// Records in <c>CATALOG/mirror.json</c> the marketplace fields a bundle does not carry (author type, release stage,
/// enterprise, hosting, repo name), so that <c>build</c> republishes the plugins as the upstream listed them. What the
/// file already says wins: a field already set for a plugin is never changed, every other key is kept as it is, and
/// only values that differ from the defaults are added (the file stays short and within its strict schema). The file
/// is read as <c>build</c> reads it (comments, trailing commas) and edited in place: the fields are added before the
/// closing brace of their plugin's entry (or of <c>plugins</c>, or of the file's object), and every byte already there
/// stays, comments included. The edited file is read again as <c>build</c> reads it, with the fields added, before it
/// is written: an edit that would break it leaves the file as it is.
/// </summary>
internal static class SettingsMerge
{
    /// <summary>What a catalog without mirror.json starts from: an object whose members get lines of their own.</summary>
    private static readonly byte[] NoFile = "{\n}\n"u8.ToArray();

    /// <summary>The fields of each plugin's newest kept version.</summary>
    /// <returns>The lines to print for upstream values left out because mirror.json could not hold them.</returns>
    /// <exception cref="MirrorException">mirror.json is no longer one build accepts (it was checked when the sync began), or the edit would break it: it is left as it is.</exception>
    public static IReadOnlyList<string> Record(string catalogDir, IEnumerable<WantedBundle> kept)
    {
        var newest = kept
            .GroupBy(b => b.Id)
            .Select(g => g.OrderByDescending(b => SemVersion.Parse(b.Version, SemVersionStyles.Strict), SemVersion.PrecedenceComparer).First())
            .OrderBy(b => b.Id, StringComparer.Ordinal);
        var settings = SettingsFile.Load(catalogDir);
        var json = settings.Bytes.IsEmpty ? NoFile : settings.Json;
        var edit = new JsonTextEdit(json, SettingsFile.ReaderOptions);
        var plugins = edit.Root.Members.GetValueOrDefault("plugins");
        var newPlugins = new List<KeyValuePair<string, JsonNode?>>();
        var notes = new List<string>();
        foreach (var bundle in newest)
        {
            var fields = Fields(bundle, notes).ToList();
            var existingKey = plugins?.Members.Keys.FirstOrDefault(k => string.Equals(k, bundle.Id, StringComparison.OrdinalIgnoreCase));
            if (existingKey is null)
            {
                if (fields.Count > 0)
                    newPlugins.Add(new(bundle.Id, new JsonObject(fields)));
                continue;
            }

            var existing = plugins!.Members[existingKey]!;
            edit.Add(existing, fields.Where(field => !existing.Members.ContainsKey(field.Key)).ToList());
        }

        if (plugins is not null)
            edit.Add(plugins, newPlugins);
        else if (newPlugins.Count > 0)
            edit.Add(edit.Root, [new("plugins", new JsonObject(newPlugins))]);

        if (edit.Changed)
        {
            var byteOrderMark = settings.Bytes[..(settings.Bytes.Length - settings.Json.Length)];
            WholeFile.Write(Path.Combine(catalogDir, SettingsFile.FileName), Edited(edit, byteOrderMark));
        }

        return notes;
    }

    /// <summary>The file's new bytes, once they are known to be read as <c>build</c> reads mirror.json and to hold every field added.</summary>
    private static byte[] Edited(JsonTextEdit edit, ReadOnlyMemory<byte> byteOrderMark)
    {
        try
        {
            byte[] bytes = [.. byteOrderMark.Span, .. edit.ToBytes()];
            _ = SettingsFile.Read(bytes);
            return bytes;
        }
        catch (Exception e) when (e is JsonException or MirrorException)
        {
            var reason = e.Message.StartsWith(SettingsFile.FileName + ": ", StringComparison.Ordinal) ? e.Message[(SettingsFile.FileName.Length + 2)..] : e.Message;
            throw new MirrorException($"{SettingsFile.FileName}: adding the upstream's fields would break it ({reason}); it is left as it is");
        }
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
        if (string.IsNullOrEmpty(fields.RepoName))
            yield break;
        if (DisplayName.Escape(fields.RepoName) == fields.RepoName)
            yield return new("repo_name", fields.RepoName);
        else
            notes.Add($"{bundle.Label}: repo_name \"{DisplayName.Escape(fields.RepoName)}\" holds control or invisible characters (or a backslash), which no repository name has; left out");
    }

    private static string? Allowed(string? value, string key, IReadOnlyList<string> allowed, WantedBundle bundle, List<string> notes)
    {
        if (value is null || allowed.Contains(value, StringComparer.Ordinal))
            return value;
        notes.Add($"{bundle.Label}: {key} \"{DisplayName.Escape(value)}\" is not one mirror.json knows; left out");
        return null;
    }
}
