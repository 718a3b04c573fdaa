using Mirror.Core.Rendering.Json;
using Semver;

namespace Mirror.Core.Serving;

/// <summary>
/// The answer of <c>GET …/api/v1/plugins</c> over a build's entries (marketplace.md §4), as the bytes the site's
/// own API files are written with. Under <c>mm/VERSION/</c> the entries are first narrowed to that pinned listing:
/// the versions a server of VERSION can run.
/// </summary>
public static class ApiAnswer
{
    private static readonly SemVersion EnterpriseFlagHonoredFrom = new(5, 25, 0);

    public static byte[] Render(IReadOnlyList<ServedEntry> entries, PluginQuery query, SemVersion? pinned) =>
        JsonOutput.Render(writer => writer.WriteArray(Select(entries, query, pinned), (w, entry) => entry.Write(w, query.Platform)));

    public static IReadOnlyList<ServedEntry> Select(IReadOnlyList<ServedEntry> entries, PluginQuery query, SemVersion? pinned)
    {
        if (query.PerPage == 0)
            return [];
        var kept = entries.Where(e => RunsOn(e, pinned) && Admits(e, query));
        if (!query.ReturnAllVersions)
        {
            kept = kept.GroupBy(e => e.Id, StringComparer.Ordinal)
                .Select(versions => versions.OrderByDescending(e => e.Version, SemVersion.PrecedenceComparer).First());
        }

        var sorted = kept
            .Where(e => query.PluginId.Length == 0 || e.Id == query.PluginId)
            .Where(e => query.Filter.Length == 0 || Matches(e, query.Filter))
            .OrderBy(e => e.Name.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ThenByDescending(e => e.Version, SemVersion.PrecedenceComparer)
            .ToList();
        if (query.PerPage is not { } perPage)
            return sorted;
        if (query.Page > 0 && perPage > long.MaxValue / query.Page)
            return [];
        var start = query.Page * perPage;
        return start >= sorted.Count ? [] : sorted.Skip((int)start).Take((int)Math.Min(perPage, sorted.Count - start)).ToList();
    }

    private static bool Admits(ServedEntry entry, PluginQuery query)
    {
        if (entry.Fields.Enterprise && !query.EnterprisePlugins &&
            (query.ServerVersion is null || SemVersion.ComparePrecedence(query.ServerVersion, EnterpriseFlagHonoredFrom) >= 0))
        {
            return false;
        }

        if (query.Cloud ? entry.Fields.Hosting == "on-prem" : entry.Fields.Hosting == "cloud")
            return false;
        return RunsOn(entry, query.ServerVersion);
    }

    private static bool RunsOn(ServedEntry entry, SemVersion? server) =>
        server is null || entry.MinServerVersion is null || SemVersion.ComparePrecedence(entry.MinServerVersion, server) <= 0;

    /// <summary>The id equal (ignoring case), or the name or description containing the text (ignoring case).</summary>
    private static bool Matches(ServedEntry entry, string filter) =>
        entry.Id.Equals(filter, StringComparison.OrdinalIgnoreCase) ||
        entry.Name.Contains(filter, StringComparison.OrdinalIgnoreCase) ||
        entry.Description.Contains(filter, StringComparison.OrdinalIgnoreCase);
}
