using Mirror.Core.Model.Queries;
using Semver;

namespace Mirror.Tests.Support;

/// <summary>
/// Queries of exactly the shape a Mattermost server sends (marketplace.md §1), chosen to probe every edge: server
/// versions on, just below and just above every threshold, prereleases, 5.24.x/5.25.0, enterprise and cloud both
/// ways, five platforms (one that no bundle names), every id and an unknown one.
/// </summary>
public static class QueryCorpus
{
    public static readonly string[] Platforms = ["linux-amd64", "linux-arm64", "darwin-amd64", "windows-amd64", "freebsd-riscv64"];

    public const string UnknownId = "com.example.unknown";

    /// <summary>Server versions around each threshold (and the enterprise flag's 5.25.0), plus a few far away.</summary>
    public static IReadOnlyList<string> ServerVersions(IEnumerable<string> thresholds)
    {
        var versions = new SortedSet<string>(StringComparer.Ordinal) { "5.24.0", "5.24.9", "5.25.0", "5.25.0-rc1", "5.25.1", "0.0.1", "99.0.0" };
        foreach (var text in thresholds.Append("5.25.0"))
        {
            var t = SemVersion.Parse(text, SemVersionStyles.Strict);
            versions.Add(text);
            versions.Add($"{t.Major}.{t.Minor}.{t.Patch}");
            versions.Add($"{t.Major}.{t.Minor}.{t.Patch + 1}");
            versions.Add($"{t.Major}.{t.Minor}.{t.Patch}-rc.1");
            versions.Add($"{t.Major}.{t.Minor}.{t.Patch}-0");
            versions.Add($"{t.Major}.{t.Minor + 1}.0");
            if (t.Patch > 0)
                versions.Add($"{t.Major}.{t.Minor}.{t.Patch - 1}");
            else if (t.Minor > 0)
                versions.Add($"{t.Major}.{t.Minor - 1}.99");
            if (t.IsPrerelease)
            {
                versions.Add(text + ".1");
                versions.Add(text + ".0");
                versions.Add($"{t.Major}.{t.Minor}.{t.Patch}-{t.Prerelease}a");
            }
        }

        return [.. versions];
    }

    /// <summary><paramref name="count"/> server-shaped queries: ids from <paramref name="ids"/> (and an unknown one), all other parameters drawn.</summary>
    public static IReadOnlyList<QueryParameters> Draw(Random random, int count, IReadOnlyList<string> ids, IReadOnlyList<string> serverVersions)
    {
        var queries = new List<QueryParameters>(count);
        string[] idChoices = [.. ids, UnknownId];
        for (var i = 0; i < count; i++)
        {
            var listing = random.Next(3) == 0;
            var id = listing ? "" : idChoices[random.Next(idChoices.Length)];
            var server = SemVersion.Parse(serverVersions[random.Next(serverVersions.Count)], SemVersionStyles.Strict);
            queries.Add(QueryParameters.ForServer(server, Platforms[random.Next(Platforms.Length)], enterprise: random.Next(2) == 0,
                cloud: random.Next(2) == 0, pluginId: id, returnAllVersions: !listing && random.Next(2) == 0));
        }

        return queries;
    }
}
