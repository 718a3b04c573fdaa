using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Mirror.OpenPgp.Files;

namespace Mirror.Core.Publishing;

/// <summary>
/// The site a previous build published, as its records say it left it. A file whose identity (inode, size,
/// modification time) is still the recorded one still holds the recorded bytes, so the new site can take it by a
/// hard link instead of writing it again: both sites are ours. Never the catalog's files: the site must not change
/// when the catalog does.
/// </summary>
internal sealed class PreviousSite(string root, IReadOnlyList<SiteFileRecord> records) : IDisposable
{
    /// <summary>The published site's folder.</summary>
    public string Root { get; } = root;

    // Made when first asked: a rebuild with nothing changed never asks by path (the two indexes of 2,000 bundles' 12,017
    // files took 3.5 ms to make).
    private readonly Lazy<Dictionary<string, SiteFileRecord>> byPath = new(() => records.ToDictionary(r => r.Path, StringComparer.Ordinal));
    private readonly Lazy<ContentIndex> byContent = new(() => new ContentIndex(records));

    private Task<bool>? looking;
    private volatile bool stop;

    public static PreviousSite None { get; } = new("", []);

    public IReadOnlyCollection<SiteFileRecord> Records => records;

    /// <summary>
    /// A file of the previous site that still holds the bytes hashed to <paramref name="sha256"/>: the one at
    /// <paramref name="relativePath"/> if it does, else any (a bundle whose name in the site changed).
    /// </summary>
    public string? Find(string relativePath, string sha256)
    {
        if (byPath.Value.TryGetValue(relativePath, out var record) && record.Sha256 == sha256 && Unchanged(record) is { } path)
            return path;
        return Holding(sha256).Select(Unchanged).FirstOrDefault(p => p is not null);
    }

    /// <summary>The file of the previous site at <paramref name="relativePath"/>, if it was made from these inputs and is still as it was left.</summary>
    public SiteFileRecord? MadeFrom(string relativePath, string inputsKey) =>
        inputsKey.Length > 0 && byPath.Value.TryGetValue(relativePath, out var record) && record.InputsKey == inputsKey && Unchanged(record) is not null
            ? record
            : null;

    /// <summary>
    /// Whether some file of the previous site still holds these bytes: known without looking again when the look at
    /// every file (<see cref="StartLooking"/>) found them all as they were left; a rebuild with nothing changed had
    /// looked at each bundle of the site twice.
    /// </summary>
    public bool Holds(string sha256) =>
        byContent.Value.First.ContainsKey(sha256) && ((looking is not null && IsIntact()) || Holding(sha256).Any(r => Unchanged(r) is not null));

    private IEnumerable<SiteFileRecord> Holding(string sha256)
    {
        var (first, next) = byContent.Value;
        for (var i = first.GetValueOrDefault(sha256, -1); i >= 0; i = next[i])
            yield return records[i];
    }

    /// <summary>
    /// Each content hash to the first record holding it, and each record to the next one holding the same bytes (-1:
    /// none): one index over the 12,017 files of 2,000 bundles, not a list for each.
    /// </summary>
    private readonly record struct ContentIndex(Dictionary<string, int> First, int[] Next)
    {
        public ContentIndex(IReadOnlyList<SiteFileRecord> records)
            : this(new Dictionary<string, int>(records.Count, StringComparer.Ordinal), new int[records.Count])
        {
            for (var i = records.Count - 1; i >= 0; i--)
            {
                ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(First, records[i].Sha256, out var known);
                Next[i] = known ? head : -1;
                head = i;
            }
        }
    }

    /// <summary>The site's folder, open to look its files up by their relative paths (Linux); null elsewhere, or when it cannot be opened.</summary>
    private SafeFileHandle? OpenRoot()
    {
        try
        {
            return OperatingSystem.IsLinux() ? Statx.OpenFolder(Root) : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    private static bool IsUnchanged(SafeFileHandle root, SiteFileRecord record) =>
        FileIdentity.Of(root, record.Path) is { } now && now.SameContentAs(record.Identity);

    private string? Unchanged(SiteFileRecord record)
    {
        var path = Path.Combine(Root, record.Path);
        return FileIdentity.Of(path) is { } now && now.SameContentAs(record.Identity) ? path : null;
    }

    /// <summary>
    /// Starts <see cref="IsIntact"/>'s look at every recorded file in the background, so that it overlaps the rest of
    /// the cache's reading; <see cref="StopLooking"/> ends it when the site is to be written anyway.
    /// </summary>
    public void StartLooking()
    {
        if (records.Count > 0)
            looking ??= Task.Run(LookAtEveryFile);
    }

    /// <summary>Ends a look started in the background, and waits for it: nothing of it runs on while the new site is written.</summary>
    public void StopLooking()
    {
        if (looking is null)
            return;
        stop = true;
        try
        {
            looking.Wait();
        }
        catch (AggregateException)
        {
            // The look's verdict no longer matters.
        }
    }

    /// <summary>Ends a look started in the background, if one is still running (<see cref="StopLooking"/>).</summary>
    public void Dispose() => StopLooking();

    /// <summary>Whether every file recorded is still as it was left (checked on every core), and there was a site.</summary>
    public bool IsIntact() => looking is { } started ? started.GetAwaiter().GetResult() : LookAtEveryFile();

    private bool LookAtEveryFile()
    {
        if (records.Count == 0)
            return false;
        using var folder = OpenRoot();
        var intact = true;
        AllCores.ForEach(records, record =>
        {
            if (Volatile.Read(ref intact) && !stop && !(folder is null ? Unchanged(record) is not null : IsUnchanged(folder, record)))
                Volatile.Write(ref intact, false);
        });
        return intact && !stop && File.Exists(Path.Combine(Root, SitePublication.MarkerFile));
    }
}
