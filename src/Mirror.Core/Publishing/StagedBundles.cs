using System.Collections.Concurrent;
using Mirror.Core.Scanning;

namespace Mirror.Core.Publishing;

/// <summary>
/// The bundles' copies in the staging site, made before they are checked (the checks read the copy, so the bytes
/// verified are the bytes published), each kept until it is moved to its place in the site. A failed write (disk full)
/// becomes a <see cref="SiteWriteException"/>, never a bad bundle.
/// </summary>
internal sealed class StagedBundles
{
    private const string Copying = "copying a bundle into it";

    private readonly ConcurrentDictionary<string, string> paths = new(StringComparer.Ordinal);
    private readonly Lazy<string> folder;
    private int count;

    /// <summary>Copies go to a folder of the staging site, so that moving one into place is a rename; made with the first.</summary>
    public StagedBundles(SitePublication publication) =>
        folder = new(() => SiteWriteException.Guard(Copying, () => Directory.CreateDirectory(Path.Combine(publication.Staging(), ".incoming")).FullName));

    /// <summary>Copies a bundle's open file into the staging site, at most <paramref name="maxBytes"/>; returns the copy's path.</summary>
    /// <exception cref="SiteWriteException">The copy cannot be written.</exception>
    /// <exception cref="IOException">The bundle cannot be read.</exception>
    public string Copy(BundleCandidate candidate, FileStream source, long maxBytes)
    {
        var path = Path.Combine(folder.Value, $"{Interlocked.Increment(ref count)}.tar.gz");
        paths[candidate.FullPath] = path;
        using var target = SiteWriteException.Guard(Copying, () => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0));
        KernelCopy.Copy(source, target, maxBytes, Copying);
        return path;
    }

    /// <summary>Where the copy of <paramref name="candidate"/> is; null for a bundle that was not read (the check cache knew it).</summary>
    public string? PathOf(BundleCandidate candidate) => paths.GetValueOrDefault(candidate.FullPath);

    /// <summary>The copies not moved into the site (refused bundles, duplicates) go before the site is swapped in.</summary>
    public void DeleteLeftovers()
    {
        if (folder.IsValueCreated)
            Directory.Delete(folder.Value, recursive: true);
    }
}
