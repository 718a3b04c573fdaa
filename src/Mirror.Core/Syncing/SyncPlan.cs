namespace Mirror.Core.Syncing;

/// <summary>
/// From listed entries to the files to bring: the generic bundle of each entry, and for each asked platform the
/// platform bundle the entry names (in <c>platforms</c>, or as the answer to a query for that platform). Entries whose
/// fields cannot name a file or a download are refused here, with the reason.
/// </summary>
public sealed class SyncPlan
{
    private readonly Dictionary<string, WantedBundle> wanted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SyncOutcome> refused = new(StringComparer.Ordinal);

    public IReadOnlyCollection<WantedBundle> Wanted => wanted.Values;

    public IReadOnlyCollection<SyncOutcome> Refused => refused.Values;

    public int Count => wanted.Count + refused.Count;

    /// <param name="platforms">The platforms whose bundles are wanted too (<c>--platform</c>).</param>
    public void AddEntries(IEnumerable<UpstreamEntry> entries, IReadOnlyList<string> platforms)
    {
        foreach (var entry in entries)
        {
            Add(entry, null, entry.DownloadUrl, entry.Signature);
            foreach (var platform in platforms)
            {
                if (entry.Platforms.TryGetValue(platform, out var bundle))
                    Add(entry, platform, bundle.DownloadUrl, bundle.Signature);
            }
        }
    }

    /// <summary>An entry as answered to a query for <paramref name="platform"/>: a platform bundle when its URL differs from the generic one.</summary>
    public void AddPlatformAnswer(UpstreamEntry entry, string platform)
    {
        var generic = wanted.Values.FirstOrDefault(w => w.Platform is null && w.Id == entry.Id && w.Version == Normalized(entry.Version));
        if (generic is not null && !string.Equals(generic.Source, entry.DownloadUrl, StringComparison.Ordinal) && entry.DownloadUrl.Length > 0)
            Add(entry, platform, entry.DownloadUrl, entry.Signature);
    }

    private void Add(UpstreamEntry entry, string? platform, string url, string signature)
    {
        var key = WantedBundle.Describe(entry.Id, entry.Version, platform);
        if (wanted.Values.Any(w => w.Label == key) || refused.ContainsKey(key))
            return;
        var (bundle, refusal) = WantedBundle.From(entry, platform, url, signature);
        if (bundle is null)
            refused[key] = new SyncOutcome(key, "", SyncStatus.Refused, refusal!);
        else
            wanted.TryAdd(bundle.RelativePath, bundle);
    }

    private static string Normalized(string version) =>
        Semver.SemVersion.TryParse(version, Semver.SemVersionStyles.Strict, out var parsed) ? parsed.ToString() : version;
}
