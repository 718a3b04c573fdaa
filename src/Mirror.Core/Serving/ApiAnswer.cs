using Mirror.Core.Model.Queries;
using Mirror.Core.Rendering.Json;
using Semver;

namespace Mirror.Core.Serving;

/// <summary>
/// The answer of <c>GET …/api/v1/plugins</c> over a build's entries: the query semantics engine
/// (<see cref="MarketplaceQuery"/>, marketplace.md §4) picks the entries, written as the site's own API files write
/// them. Under <c>mm/VERSION/</c> the entries are first narrowed to that pinned listing: the versions a server of
/// VERSION can run.
/// </summary>
public static class ApiAnswer
{
    public static byte[] Render(IReadOnlyList<ServedEntry> entries, QueryParameters query, SemVersion? pinned)
    {
        var offered = pinned is null ? entries : entries.Where(e => e.MinServerVersion is not { } minimum || pinned.ComparePrecedenceTo(minimum) >= 0);
        var answer = MarketplaceQuery.Run(offered, query);
        return JsonOutput.Render(writer => writer.WriteArray(answer, (w, chosen) => chosen.Entry.Write(w, chosen.Platform)));
    }
}
