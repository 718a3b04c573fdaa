using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Mirror.Core.Model;
using Mirror.Core.Model.Queries;
using Mirror.Core.Rendering.Json;
using Semver;

namespace Mirror.Core.Rendering.Routing;

/// <summary>One rule: keys matching <paramref name="Pattern"/> (see <see cref="RouteKey"/>) get the answer file.</summary>
internal sealed record RouteRule(string Pattern, string AnswerFile);

/// <summary>The rules of the listing or of one plugin id, tried in order; the last one always matches.</summary>
internal sealed record Route(string PluginId, IReadOnlyList<RouteRule> Rules);

/// <summary>
/// Every answer of <c>GET …/api/v1/plugins</c>, computed at build time with the query engine, and the rules that
/// pick one by query. An answer changes only where a <c>min_server_version</c> of the plugins concerned (or 5.25.0,
/// for enterprise plugins) falls, so each route tries, per combination of the flags and platforms that matter to it,
/// one pattern per threshold where its answer changes. Equal answers are one file, named by their SHA-256: files and
/// rules grow with the plugin versions, not with the product of the parameters.
/// </summary>
internal sealed class ApiRoutes
{
    public const string AnswersFolder = "api/v1/answers";

    /// <summary>Just below every version: the representative of "lower than every threshold".</summary>
    private static readonly SemVersion Lowest = SemVersion.Parse("0.0.0-0", SemVersionStyles.Strict);

    /// <summary>How many versions' entries are rendered together and appended to the scratch file in one piece.</summary>
    private const int EntriesPerPiece = 256;

    private readonly ConcurrentDictionary<(PublishedVersion, string?), ScratchSpan> entries = new();

    /// <summary>The answer file of each sequence of entries already hashed: a plugin's queries share a few answers.</summary>
    private readonly ConcurrentDictionary<string, string> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> stored = new(StringComparer.Ordinal);

    // Tens of thousands of rules share a few patterns (one per flag combination and threshold): each is made and kept once.
    private readonly ConcurrentDictionary<SemVersion, string> atLeast = new();
    private readonly ConcurrentDictionary<(bool?, bool?, bool?, string, string?), string> patterns = new();
    private readonly Uri baseUrl;
    private readonly Action<string, string, Action<Stream>> store;
    private readonly ScratchFile scratch;

    private ApiRoutes(Uri baseUrl, Action<string, string, Action<Stream>> store, ScratchFile scratch) =>
        (this.baseUrl, this.store, this.scratch) = (baseUrl, store, scratch);

    /// <summary>The routes of each plugin id (ordinal order).</summary>
    public IReadOnlyList<Route> ById { get; private set; } = [];

    /// <summary>The route of the listing (no plugin_id). <c>return_all_versions</c> without an id is not answered statically.</summary>
    public Route Listing { get; private set; } = new("", []);

    /// <summary>The file holding <c>[]</c>: an unknown id, <c>per_page=0</c>.</summary>
    public string EmptyAnswer { get; private set; } = "";

    /// <param name="store">
    /// Receives each answer file once (site-relative path, SHA-256, what writes its bytes), from several threads. The
    /// answers are never held whole: of 20,000 plugins they would be 140 MB, and the listing alone 14 MB per version
    /// threshold. Each is hashed from the rendered entries, then written from them.
    /// </param>
    /// <param name="scratchFolder">
    /// Where the rendered entries wait while the answers are made (<see cref="ScratchFile"/>): a folder of the staging
    /// site. Held in memory, 20,000 entries took 30 MB with the benchmark's tiny icons, and an entry holds its icon.
    /// </param>
    public static ApiRoutes Plan(PluginCatalog catalog, Uri baseUrl, Action<string, string, Action<Stream>> store, string scratchFolder)
    {
        using var scratch = ScratchFile.In(scratchFolder);
        var routes = new ApiRoutes(baseUrl, store, scratch);
        routes.EmptyAnswer = routes.Store([]);
        var all = catalog.AllVersions.ToList();
        routes.RenderInListingOrder(all);
        routes.Listing = routes.RouteFor(all, "", allVersionsChoices: [false]);
        var byId = new Route[catalog.Plugins.Count];
        AllCores.For(byId.Length, i => byId[i] = routes.RouteFor(catalog.Plugins[i].Versions, catalog.Plugins[i].Id, allVersionsChoices: [false, true]));
        routes.ById = byId;
        return routes;
    }

    /// <summary>The generic entries, in pieces laid end to end in the listing's order: a listing answer is read back in long runs.</summary>
    private void RenderInListingOrder(List<PublishedVersion> all) =>
        AllCores.For((all.Count + EntriesPerPiece - 1) / EntriesPerPiece, piece =>
        {
            var versions = all.Skip(piece * EntriesPerPiece).Take(EntriesPerPiece).ToList();
            var rendered = versions.Select(v => Render((v, null))).ToList();
            // One piece's entries end to end: nothing else is appended while the pieces are.
            lock (entries)
            {
                foreach (var (version, bytes) in versions.Zip(rendered))
                    entries[(version, null)] = scratch.Append(bytes);
            }
        });

    private Route RouteFor(IReadOnlyList<PublishedVersion> entries, string pluginId, bool[] allVersionsChoices)
    {
        bool?[] enterprise = entries.Any(e => e.Enterprise) ? [false, true] : [null];
        bool?[] cloud = entries.Any(e => e.Hosting.Length > 0) ? [false, true] : [null];
        var platforms = entries.SelectMany(e => e.PlatformBundles).Distinct().Order(StringComparer.Ordinal).Cast<string?>().Append(null).ToList();
        var thresholds = entries.Select(e => e.MinServerVersion).OfType<SemVersion>()
            .Append(entries.Any(e => e.Enterprise) ? QueryParameters.EnterpriseFlagsFrom : null).OfType<SemVersion>()
            .Select(v => v.WithoutMetadata())
            .DistinctBy(v => v.ToString())
            .Where(v => v.ComparePrecedenceTo(Lowest) > 0)
            .OrderBy(v => v, SemVersion.PrecedenceComparer)
            .ToList();

        var rules = new List<RouteRule>();
        foreach (var platform in platforms)
        {
            foreach (var ent in enterprise)
            {
                foreach (var cl in cloud)
                {
                    foreach (var all in allVersionsChoices)
                    {
                        QueryParameters Query(SemVersion? server) => new(ServerVersion: server, EnterprisePlugins: ent ?? false, Cloud: cl ?? false,
                            Platform: platform ?? "", PluginId: pluginId, ReturnAllVersions: all);
                        string Pattern(string version) => patterns.GetOrAdd((ent, cl, allVersionsChoices.Length == 1 ? null : all, version, platform),
                            key => RouteKey.Pattern(key.Item1, key.Item2, key.Item3, key.Item4, key.Item5));

                        // Highest threshold first: the first pattern that matches is the interval the version falls in.
                        var below = Answer(entries, Query(Lowest));
                        var atThreshold = thresholds.Select(t => Answer(entries, Query(t))).ToList();
                        for (var j = thresholds.Count - 1; j >= 0; j--)
                        {
                            if (atThreshold[j] != (j > 0 ? atThreshold[j - 1] : below))
                                rules.Add(new RouteRule(Pattern(atLeast.GetOrAdd(thresholds[j], VersionPatterns.AtLeast)), atThreshold[j]));
                        }

                        var none = Answer(entries, Query(null));
                        if (none == below)
                        {
                            rules.Add(new RouteRule(Pattern(RouteKey.AnyVersionOrNone), below));
                        }
                        else
                        {
                            rules.Add(new RouteRule(Pattern(RouteKey.AnyVersion), below));
                            rules.Add(new RouteRule(Pattern(""), none));
                        }
                    }
                }
            }
        }

        return new Route(pluginId, rules);
    }

    /// <summary>The answer file for a query, stored once per distinct content.</summary>
    private string Answer(IReadOnlyList<PublishedVersion> versions, QueryParameters query)
    {
        var runs = Runs(MarketplaceQuery.Run(versions, query).Select(a => entries.GetOrAdd((a.Entry, a.Platform), e => scratch.Append(Render(e)))));
        return answers.GetOrAdd(string.Join(',', runs.Select(r => $"{r.Offset}+{r.Length}")), _ => Store(runs));
    }

    /// <summary>
    /// Each entry rendered once, as a JSON array holds it after its first entry (",\n" and the entry): an answer is
    /// those laid end to end, byte for byte what one writer would write.
    /// </summary>
    private byte[] Render((PublishedVersion Version, string? Platform) entry)
    {
        var alone = JsonOutput.Render(w => w.WriteArray([entry], (writer, e) => MarketplaceEntry.Write(writer, e.Version, baseUrl, withLabels: true, e.Platform)));
        // "[\n" becomes ",\n"; "\n]\n" goes.
        alone[0] = (byte)',';
        return alone[..^3];
    }

    /// <summary>The entries' spans, those that follow one another in the scratch file joined.</summary>
    private static List<ScratchSpan> Runs(IEnumerable<ScratchSpan> spans)
    {
        var runs = new List<ScratchSpan>();
        foreach (var span in spans)
        {
            if (runs.Count > 0 && runs[^1].End == span.Offset)
                runs[^1] = runs[^1] with { Length = runs[^1].Length + span.Length };
            else
                runs.Add(span);
        }

        return runs;
    }

    private string Store(List<ScratchSpan> runs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        WriteAnswer(runs, hash.AppendData);
        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        var path = $"{AnswersFolder}/{sha256[..20]}.json";
        var known = stored.GetOrAdd(path, path);
        if (ReferenceEquals(known, path))
            store(path, sha256, file => WriteAnswer(runs, file.Write));
        return known;
    }

    /// <summary>An answer: <c>[]</c> when empty, else the entries between brackets, one per line (the first without its ",\n").</summary>
    private void WriteAnswer(List<ScratchSpan> runs, Action<ReadOnlySpan<byte>> write)
    {
        if (runs.Count == 0)
        {
            write("[]\n"u8);
            return;
        }

        write("[\n"u8);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var skip = ",\n".Length;
            foreach (var run in runs)
            {
                for (var offset = run.Offset + skip; offset < run.End; offset += buffer.Length)
                {
                    var piece = buffer.AsSpan(0, (int)Math.Min(buffer.Length, run.End - offset));
                    scratch.Read(offset, piece);
                    write(piece);
                }

                skip = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        write("\n]\n"u8);
    }
}
