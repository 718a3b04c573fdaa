using System.Collections.Concurrent;
using System.Security.Cryptography;
using Mirror.Core.Rendering;

namespace Mirror.Core.Publishing;

/// <summary>
/// Puts the files of a new site into its staging folder, from several threads: each folder is created once (a build
/// used to ask for the same folders thousands of times), and a file whose bytes the previous site already holds is
/// taken from it by a hard link rather than written again.
/// </summary>
internal sealed class StagedSite(string stagingDir, PreviousSite previous, BuildProgress? progress = null) : ISiteOutput
{
    private readonly HashSet<string> folders = new(StringComparer.Ordinal) { "" };
    private readonly ConcurrentDictionary<string, (string Sha256, string InputsKey)> written = new(StringComparer.Ordinal);

    public string Root { get; } = stagingDir;

    /// <summary>Whether <see cref="Records"/> will be asked for (a build with a cache): a cold build does not keep one per file.</summary>
    public bool KeepsRecords { get; init; } = true;

    /// <summary>How many files were kept by <see cref="TryKeep"/>, never made again.</summary>
    public int Kept => kept;

    private int kept;

    public void Write(string relativePath, byte[] bytes, string inputsKey = "") =>
        WriteHashed(relativePath, Convert.ToHexStringLower(SHA256.HashData(bytes)), file => file.Write(bytes), inputsKey);

    public void WriteHashed(string relativePath, string sha256, Action<Stream> write) => WriteHashed(relativePath, sha256, write, "");

    public void WriteStreamed(string relativePath, Action<Stream> write, string inputsKey = "")
    {
        EnsureFolderOf(relativePath);
        var target = Path.Combine(Root, relativePath);
        using var sha256 = SHA256.Create();
        using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        using (var hashing = new CryptoStream(file, sha256, CryptoStreamMode.Write, leaveOpen: true))
            write(hashing);
        var hash = Convert.ToHexStringLower(sha256.Hash!);
        Record(relativePath, hash, inputsKey);
        // The previous site's file takes the place of one just made with the same bytes: an unchanged file keeps its identity.
        var link = target + ".~same";
        if (previous.Find(relativePath, hash) is { } old && HardLink.TryCreate(old, link))
            File.Move(link, target, overwrite: true);
    }

    public bool TryKeep(string relativePath, string inputsKey)
    {
        if (previous.MadeFrom(relativePath, inputsKey) is not { } record)
            return false;
        EnsureFolderOf(relativePath);
        if (!HardLink.TryCreate(Path.Combine(previous.Root, relativePath), Path.Combine(Root, relativePath)))
            return false;
        Record(relativePath, record.Sha256, inputsKey);
        Interlocked.Increment(ref kept);
        return true;
    }

    /// <summary>Moves a file already inside the staging folder (a bundle's copy, made before it was checked) into place.</summary>
    public void MoveIn(string relativePath, string stagedFile, string sha256) => File.Move(stagedFile, Prepare(relativePath, sha256, ""));

    /// <summary>Takes a bundle from the previous site; false when it no longer holds it.</summary>
    public bool TryReuse(string relativePath, string sha256) => TryLink(relativePath, sha256, Prepare(relativePath, sha256, ""));

    /// <summary>
    /// Copies a bundle the check cache vouched for but the previous site no longer holds, then hashes the copy: a
    /// catalog file changed since it was looked at stops the build.
    /// </summary>
    /// <exception cref="MirrorException">The file's bytes are no longer the ones checked.</exception>
    public void CopyIn(string relativePath, string source, string sha256)
    {
        var target = Prepare(relativePath, sha256, "");
        using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1))
        {
            KernelCopy.Copy(input, output, long.MaxValue, "copying a bundle into it");
            output.Position = 0;
            if (Convert.ToHexStringLower(SHA256.HashData(output)) == sha256)
                return;
        }

        throw new MirrorException($"{source}: changed while the site was being built; run the build again");
    }

    /// <summary>Every file put in the site, with its identity as it is now (after any change of file times).</summary>
    public IReadOnlyList<SiteFileRecord> Records()
    {
        var records = new ConcurrentBag<SiteFileRecord>();
        AllCores.ForEach(written, file =>
        {
            if (FileIdentity.Of(Path.Combine(Root, file.Key)) is { } identity)
                records.Add(new SiteFileRecord(file.Key, file.Value.Sha256, identity, file.Value.InputsKey));
        });
        return [.. records.OrderBy(r => r.Path, StringComparer.Ordinal)];
    }

    private void WriteHashed(string relativePath, string sha256, Action<Stream> write, string inputsKey)
    {
        var target = Prepare(relativePath, sha256, inputsKey);
        if (TryLink(relativePath, sha256, target))
            return;
        using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        write(file);
    }

    private bool TryLink(string relativePath, string sha256, string target) =>
        previous.Find(relativePath, sha256) is { } old && HardLink.TryCreate(old, target);

    private string Prepare(string relativePath, string sha256, string inputsKey)
    {
        Record(relativePath, sha256, inputsKey);
        EnsureFolderOf(relativePath);
        return Path.Combine(Root, relativePath);
    }

    private void Record(string relativePath, string sha256, string inputsKey)
    {
        if (KeepsRecords)
            written[relativePath] = (sha256, inputsKey);
        progress?.Finished();
    }

    private void EnsureFolderOf(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        if (slash > 0)
            EnsureFolder(relativePath[..slash]);
    }

    private void EnsureFolder(string relativeFolder)
    {
        lock (folders)
        {
            if (folders.Contains(relativeFolder))
                return;
        }

        var slash = relativeFolder.LastIndexOf('/');
        EnsureFolder(slash > 0 ? relativeFolder[..slash] : "");
        Directory.CreateDirectory(Path.Combine(Root, relativeFolder));
        lock (folders)
            folders.Add(relativeFolder);
    }
}
