using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Mirror.Core.Publishing;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Settings;
using Mirror.OpenPgp.Files;
using Semver;

namespace Mirror.Core.Serving;

/// <summary>
/// One build of the site, pinned: a handle on its folder (files are opened beneath it, so a newer build swapped in
/// by name never mixes in), and its data read once from that same folder: every published version, the base URL, the
/// pinned targets. Answers are computed from memory and kept (the same query gives the same bytes).
/// </summary>
internal sealed class ServedSite : IDisposable
{
    /// <summary>
    /// Room for the answers a fleet of servers asks for (they differ by version, licence and platform); past it, answers
    /// are computed each time, so odd queries (any text filter) cannot grow memory.
    /// </summary>
    private const long MaxCachedBytes = 64 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, CachedAnswer> answers = new(StringComparer.Ordinal);
    private long cachedBytes;

    private ServedSite(SafeFileHandle folder, (ulong, ulong) identity, Uri baseUrl, IReadOnlyDictionary<string, SemVersion> targets, IReadOnlyList<ServedEntry> entries)
    {
        Folder = folder;
        Identity = identity;
        BaseUrl = baseUrl;
        Targets = targets;
        Entries = entries;
    }

    public SafeFileHandle Folder { get; }

    /// <summary>The folder's device and inode: a new build swapped in has another.</summary>
    public (ulong, ulong) Identity { get; }

    public Uri BaseUrl { get; }

    /// <summary>The decoded path the site lives under ("" at the root, "/plugin-mirror" for <c>http://host/plugin-mirror/</c>), as the web server configs match it.</summary>
    public string BasePath => ServedPath.Of(BaseUrl);

    /// <summary>The pinned listings under <c>mm/VERSION/</c>, by folder name.</summary>
    public IReadOnlyDictionary<string, SemVersion> Targets { get; }

    /// <summary>Every published version, in <c>plugins.json</c>'s order.</summary>
    public IReadOnlyList<ServedEntry> Entries { get; }

    public int PluginCount => Entries.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Loads the build that is at <paramref name="siteDir"/> now.</summary>
    /// <exception cref="MirrorException">Not a site <c>mirror build</c> wrote, or one it cannot read (exit 2).</exception>
    public static ServedSite Load(string siteDir)
    {
        if (!LinuxFiles.Supported)
            throw new MirrorException("mirror serve runs on Linux only (it pins each build of the site with Linux calls); serve the static site with nginx elsewhere");
        var folder = LinuxFiles.OpenPath(siteDir);
        if (folder is null || !Statx.Of(folder).IsDirectory)
        {
            folder?.Dispose();
            throw new MirrorException($"site folder \"{siteDir}\" does not exist; build one first with `mirror build`");
        }

        try
        {
            if (LinuxFiles.OpenBeneath(folder, SitePublication.MarkerFile) is not { } marker)
                throw new MirrorException($"\"{siteDir}\" is not a site written by `mirror build` (it has no {SitePublication.MarkerFile})");
            marker.Dispose();
            var (baseUrl, targetNames) = Read(folder, siteDir, SiteIndexFile.FileName, SiteIndexFile.Read);
            var entries = Read(folder, siteDir, PluginsJsonFile.FileName, ReadEntries);
            var targets = targetNames.ToDictionary(t => t, t => SemVersion.Parse(t, SemVersionStyles.Strict), StringComparer.Ordinal);
            return new ServedSite(folder, Statx.Of(folder).Identity, baseUrl, targets, entries);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>The answer, computed once per distinct query (and pinned target); its gzip counts within the room.</summary>
    public CachedAnswer Answer(string cacheKey, Func<ServedSite, byte[]> compute)
    {
        if (answers.TryGetValue(cacheKey, out var cached))
            return cached;
        var answer = new CachedAnswer(compute(this));
        var size = answer.Json.Length * 2L;
        var fits = Interlocked.Add(ref cachedBytes, size) <= MaxCachedBytes;
        if (!fits || !answers.TryAdd(cacheKey, answer))
            Interlocked.Add(ref cachedBytes, -size);
        return answer;
    }

    public void Dispose() => Folder.Dispose();

    private static T Read<T>(SafeFileHandle folder, string siteDir, string file, Func<byte[], T> parse)
    {
        var shown = Path.Combine(siteDir, file);
        using var handle = LinuxFiles.OpenBeneath(folder, file)
            ?? throw new MirrorException($"{shown} is missing: the site was written by an older `mirror build` or damaged; build it again");
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        try
        {
            return parse(bytes.ToArray());
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            throw new MirrorException($"{shown}: {e.Message.TrimEnd('.')}; build the site again");
        }
    }

    private static List<ServedEntry> ReadEntries(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw new FormatException("not a JSON array of entries");
        return document.RootElement.EnumerateArray().Select(ServedEntry.Read).ToList();
    }
}
