using Mirror.Core.Model.Queries;
using Mirror.Core.Rendering.Json;
using Semver;

namespace Mirror.Core.Serving;

/// <summary>
/// The answer of <c>GET …/api/v1/plugins</c> over a build's entries: the query semantics engine
/// (<see cref="MarketplaceQuery"/>, marketplace.md §4) picks the entries, written as the site's own API files write
/// them. Under <c>mm/VERSION/</c> the server's version is taken as at most VERSION (see <see cref="QueryParameters.PinnedTo"/>).
/// </summary>
internal static class ApiAnswer
{
    public static byte[] Render(IReadOnlyList<ServedEntry> entries, QueryParameters query, SemVersion? pinned)
    {
        var answer = MarketplaceQuery.Run(entries, pinned is null ? query : query.PinnedTo(pinned));
        return JsonOutput.Render(writer => writer.WriteArray(answer, (w, chosen) => chosen.Entry.Write(w, chosen.Platform)));
    }
}
