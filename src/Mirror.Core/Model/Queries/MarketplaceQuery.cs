using Semver;

namespace Mirror.Core.Model.Queries;

/// <summary>
/// The official service's query semantics (<c>StaticStore.GetPlugins</c>, marketplace.md §4), over any entries: the
/// build runs it to compute the static answers, <c>mirror serve</c> at run time. Where we deliberately differ:
/// <c>per_page</c> absent means everything (the service's default of 100 silently hides plugins from big catalogs);
/// the platform swap works for any platform with a bundle of its own (the service swaps only
/// linux/darwin/windows-amd64); a version with platform bundles and no generic one is listed only to servers of those
/// platforms; entries whose lower-cased names are equal are ordered by id (the service leaves that to Go's map order).
/// Text is lower-cased as Go's <c>strings.ToLower</c> does (<see cref="GoText"/>).
/// </summary>
internal static class MarketplaceQuery
{
    public static IReadOnlyList<QueryAnswer<T>> Run<T>(IEnumerable<T> entries, QueryParameters query)
        where T : IListingEntry
    {
        if (query.PerPage == 0)
            return [];
        var candidates = entries.Where(e => IsOffered(e, query)).ToList();
        if (!query.ReturnAllVersions)
            candidates = NewestPerId(candidates);
        var filter = GoText.ToLower(query.Filter.Trim());
        var chosen = candidates
            .Where(e => query.PluginId.Length == 0 || e.Id == query.PluginId)
            .Where(e => filter.Length == 0 || Matches(e, filter))
            .ToList();
        var sortNames = SortNames(chosen);
        var answer = chosen
            .OrderBy(e => sortNames[e.Id], Utf8Order.Instance)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ThenByDescending(e => e.Version, SemVersion.PrecedenceComparer)
            .Select(e => new QueryAnswer<T>(e, Swapped(e, query.Platform)))
            .ToList();
        return Page(answer, query);
    }

    /// <summary>Steps 1–3 of §4, and our platform rule: whether the entry is offered to this server at all.</summary>
    public static bool IsOffered(IListingEntry entry, QueryParameters query)
    {
        var server = query.ServerVersion;
        if (entry.Enterprise && !query.EnterprisePlugins && (server is null || server.ComparePrecedenceTo(QueryParameters.EnterpriseFlagsFrom) >= 0))
            return false;
        if (entry.Hosting == (query.Cloud ? "on-prem" : "cloud"))
            return false;
        if (server is not null && entry.MinServerVersion is { } minimum && server.ComparePrecedenceTo(minimum) < 0)
            return false;
        return entry.HasGenericBundle || entry.PlatformBundles.Contains(query.Platform);
    }

    /// <summary>The platform whose own bundle the entry serves to this server, or null for the generic bundle.</summary>
    public static string? Swapped(IListingEntry entry, string platform) =>
        platform.Length > 0 && entry.PlatformBundles.Contains(platform) ? platform : null;

    /// <summary>The highest version per id; of two with equal precedence (build metadata only), the later one, as the service does.</summary>
    private static List<T> NewestPerId<T>(List<T> entries)
        where T : IListingEntry
    {
        var newest = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (!newest.TryGetValue(entries[i].Id, out var seen) || entries[i].Version.ComparePrecedenceTo(entries[seen].Version) >= 0)
                newest[entries[i].Id] = i;
        }

        return entries.Where((e, i) => newest[e.Id] == i).ToList();
    }

    /// <summary>
    /// The lower-cased name each id sorts by: that of its highest version here. The service sorts by name, and the
    /// versions of one id by version (§4.7); an id whose versions carry different names keeps them together, newest
    /// first, where the service's comparison would not be an order at all.
    /// </summary>
    private static Dictionary<string, string> SortNames<T>(List<T> entries)
        where T : IListingEntry
    {
        var newest = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!newest.TryGetValue(entry.Id, out var seen) || entry.Version.ComparePrecedenceTo(seen.Version) > 0)
                newest[entry.Id] = entry;
        }

        return newest.ToDictionary(x => x.Key, x => GoText.ToLower(x.Value.Name), StringComparer.Ordinal);
    }

    private static bool Matches(IListingEntry entry, string lowerFilter) =>
        string.Equals(GoText.ToLower(entry.Id), lowerFilter, StringComparison.Ordinal) ||
        GoText.ToLower(entry.Name).Contains(lowerFilter, StringComparison.Ordinal) ||
        GoText.ToLower(entry.Description).Contains(lowerFilter, StringComparison.Ordinal);

    private static List<QueryAnswer<T>> Page<T>(List<QueryAnswer<T>> answer, QueryParameters query)
        where T : IListingEntry
    {
        if (query.PerPage is QueryParameters.AllPerPage)
            return answer;
        // Without per_page every entry is on the first page (our deliberate difference), so a later page is empty.
        if (query.PerPage is null)
            return query.Page == 0 ? answer : [];
        var perPage = query.PerPage.Value;
        var start = (Int128)query.Page * perPage;
        if (start >= answer.Count)
            return [];
        return answer.GetRange((int)start, (int)Int128.Min(perPage, answer.Count - start));
    }

    /// <summary>Go compares strings by their UTF-8 bytes: the same order as comparing code points, not UTF-16 units.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y)
        {
            var left = (x ?? "").EnumerateRunes();
            var right = (y ?? "").EnumerateRunes();
            while (true)
            {
                var hasLeft = left.MoveNext();
                var hasRight = right.MoveNext();
                if (!hasLeft || !hasRight)
                    return hasLeft.CompareTo(hasRight);
                var order = left.Current.Value.CompareTo(right.Current.Value);
                if (order != 0)
                    return order;
            }
        }
    }
}
