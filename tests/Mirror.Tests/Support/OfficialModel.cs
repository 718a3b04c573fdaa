using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mirror.Tests.Support;

/// <summary>
/// An independent, deliberately simple model of what the official marketplace answers (marketplace.md §4, read from
/// <c>StaticStore.GetPlugins</c> in mattermost-marketplace), with our documented differences: no cap at 100 when
/// <c>per_page</c> is absent (and so nothing on a later page), the platform swap for any platform, a version without a
/// generic bundle only for its platforms, an unparsable server_version a 400, equal names ordered by id, an id's
/// versions kept together under the name of its newest. Shares no code with Mirror.Core: the tests
/// compare the engine and the served sites against it.
/// </summary>
internal static partial class OfficialModel
{
    /// <summary>One entry as the store holds it (plugins.json), platform bundles by platform name.</summary>
    public sealed record Entry(
        string Id, string Name, string Description, string Version, string MinServerVersion, bool Enterprise, string Hosting,
        string DownloadUrl, string Signature, IReadOnlyDictionary<string, Download> Platforms)
    {
        /// <summary>An entry of a <c>plugins.json</c> file or of an answer.</summary>
        public static Entry FromJson(JsonNode entry)
        {
            var manifest = entry["manifest"]!;
            var platforms = new Dictionary<string, Download>();
            foreach (var (name, value) in entry["platforms"]?.AsObject() ?? [])
            {
                var url = value?["download_url"]?.GetValue<string>() ?? "";
                var signature = value?["signature"]?.GetValue<string>() ?? "";
                if (url.Length > 0 && signature.Length > 0)
                    platforms[name] = new Download(url, signature);
            }

            return new Entry(
                manifest["id"]!.GetValue<string>(),
                manifest["name"]?.GetValue<string>() ?? "",
                manifest["description"]?.GetValue<string>() ?? "",
                manifest["version"]!.GetValue<string>(),
                manifest["min_server_version"]?.GetValue<string>() ?? "",
                entry["enterprise"]?.GetValue<bool>() ?? false,
                entry["hosting"]?.GetValue<string>() ?? "",
                entry["download_url"]?.GetValue<string>() ?? "",
                entry["signature"]?.GetValue<string>() ?? "",
                platforms);
        }
    }

    public sealed record Download(string Url, string Signature);

    /// <summary>One entry of an answer: which version, and the bundle and signature it serves.</summary>
    public sealed record Served(string Id, string Version, string DownloadUrl, string Signature)
    {
        public static Served FromJson(JsonNode entry) => new(
            entry["manifest"]!["id"]!.GetValue<string>(), entry["manifest"]!["version"]!.GetValue<string>(),
            entry["download_url"]!.GetValue<string>(), entry["signature"]!.GetValue<string>());
    }

    /// <summary>The answer: entries, or null for a 400.</summary>
    public static List<Served>? Answer(IReadOnlyList<Entry> store, string query)
    {
        var args = new Dictionary<string, string>();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            args.TryAdd(Uri.UnescapeDataString(parts[0].Replace('+', ' ')), parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "");
        }

        string Arg(string key) => args.TryGetValue(key, out var value) ? value : "";
        if (!TryInt(Arg("page"), 0, out var page) || page < 0 || !TryInt(Arg("per_page"), -1, out var perPage) || perPage < -1)
            return null;
        if (!TryBool(Arg("enterprise_plugins"), out var enterprise) || !TryBool(Arg("cloud"), out var cloud) ||
            !TryBool(Arg("return_all_versions"), out var allVersions))
        {
            return null;
        }

        var server = Arg("server_version");
        if (server != "" && !StrictSemver().IsMatch(server))
            return null;
        if (perPage == 0)
            return [];

        var platform = Arg("platform");
        var plugins = new List<Entry>();
        foreach (var p in store)
        {
            if (p.Enterprise && !enterprise && (server == "" || Compare(server, "5.25.0") >= 0))
                continue;
            if (cloud && p.Hosting == "on-prem")
                continue;
            if (!cloud && p.Hosting == "cloud")
                continue;
            if (server != "" && p.MinServerVersion != "" && Compare(server, p.MinServerVersion) < 0)
                continue;
            if (p.DownloadUrl == "" && !p.Platforms.ContainsKey(platform))
                continue;
            plugins.Add(p.Platforms.TryGetValue(platform, out var own) ? p with { DownloadUrl = own.Url, Signature = own.Signature } : p);
        }

        if (!allVersions)
        {
            var latest = new Dictionary<string, Entry>();
            foreach (var p in plugins)
            {
                if (!latest.TryGetValue(p.Id, out var seen) || Compare(p.Version, seen.Version) >= 0)
                    latest[p.Id] = p;
            }

            plugins = plugins.Where(p => ReferenceEquals(latest[p.Id], p)).ToList();
        }

        var filter = GoLower(Arg("filter").Trim());
        var pluginId = Arg("plugin_id");
        plugins = plugins.Where(p => pluginId == "" || p.Id == pluginId)
            .Where(p => filter == "" || GoLower(p.Id) == filter || GoLower(p.Name).Contains(filter, StringComparison.Ordinal) ||
                        GoLower(p.Description).Contains(filter, StringComparison.Ordinal))
            .ToList();
        // By name; one id's versions by version, together, under the name of its newest.
        var names = plugins.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => GoLower(g.Aggregate((x, y) => Compare(y.Version, x.Version) > 0 ? y : x).Name));
        plugins.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(names[a.Id], names[b.Id]);
            if (byName != 0)
                return byName;
            var byId = string.CompareOrdinal(a.Id, b.Id);
            return byId != 0 ? byId : Compare(b.Version, a.Version);
        });

        var served = plugins.Select(p => new Served(p.Id, p.Version, p.DownloadUrl, p.Signature)).ToList();
        if (perPage == -1)
            return Arg("per_page") == "" && page > 0 ? [] : served;
        return served.Skip((int)Math.Min((decimal)page * perPage, int.MaxValue)).Take((int)perPage).ToList();
    }

    /// <summary>Go's strings.ToLower: Unicode's simple lower-case mapping, U+0130 (İ) to 'i' included.</summary>
    private static string GoLower(string text) => text.ToLowerInvariant().Replace("İ", "i", StringComparison.Ordinal);

    /// <summary>Semantic version precedence (semver.org §11); build metadata ignored.</summary>
    public static int Compare(string a, string b)
    {
        static (string[] Core, string[]? Pre) Split(string v)
        {
            v = v.Split('+')[0];
            var dash = v.IndexOf('-');
            return dash < 0 ? (v.Split('.'), null) : (v[..dash].Split('.'), v[(dash + 1)..].Split('.'));
        }

        var (coreA, preA) = Split(a);
        var (coreB, preB) = Split(b);
        for (var i = 0; i < 3; i++)
        {
            var c = CompareNumbers(coreA[i], coreB[i]);
            if (c != 0)
                return c;
        }

        if (preA is null || preB is null)
            return (preA is null ? 1 : 0) - (preB is null ? 1 : 0);
        for (var i = 0; i < Math.Min(preA.Length, preB.Length); i++)
        {
            var numericA = preA[i].All(char.IsAsciiDigit);
            var numericB = preB[i].All(char.IsAsciiDigit);
            var c = numericA && numericB ? CompareNumbers(preA[i], preB[i])
                : numericA != numericB ? (numericA ? -1 : 1)
                : string.CompareOrdinal(preA[i], preB[i]);
            if (c != 0)
                return Math.Sign(c);
        }

        return preA.Length.CompareTo(preB.Length);
    }

    private static int CompareNumbers(string a, string b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(string.CompareOrdinal(a, b));

    private static bool TryInt(string text, long fallback, out long value)
    {
        value = fallback;
        return text == "" || long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, null, out value);
    }

    private static bool TryBool(string text, out bool value)
    {
        value = text is "1" or "t" or "T" or "TRUE" or "true" or "True";
        return value || text is "" or "0" or "f" or "F" or "FALSE" or "false" or "False";
    }

    /// <summary>The regular expression semver.org gives for a valid version (ASCII digits, no trailing newline).</summary>
    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex StrictSemver();
}
