using Microsoft.Win32.SafeHandles;
using Mirror.OpenPgp.Files;

namespace Mirror.Core.Publishing;

/// <summary>
/// Builds a new site beside the output folder and swaps it in whole, under a lock so that two builds never write the
/// same output. Disposing without <see cref="Commit"/> (failure, nothing to publish) leaves the old site untouched;
/// a build killed at any moment leaves only a staging folder, which the next build removes.
/// </summary>
internal sealed class SitePublication : IDisposable
{
    /// <summary>Marks a folder as a site we built, so we never replace a folder that is someone else's.</summary>
    public const string MarkerFile = ".plugin-mirror-site";

    private readonly SafeFileHandle lockFile;
    private readonly string output;
    private readonly string aside;
    private readonly Lazy<string> staging;
    private volatile bool stagingStarted;
    private bool committed;
    private Task? oldSiteDeletion;

    private SitePublication(string output, SafeFileHandle lockFile)
    {
        this.output = output;
        this.lockFile = lockFile;
        (_, StagingDir, aside) = BesideOutput(output);
        staging = new(MakeStaging);
    }

    /// <summary>The places a build of <paramref name="output"/> keeps beside it: its lock file, staging folder, and the old site's folder during the swap.</summary>
    public static (string Lock, string Staging, string Aside) BesideOutput(string output)
    {
        var parent = Path.GetDirectoryName(output)!;
        var name = Path.GetFileName(output);
        return (Path.Combine(parent, $".{name}.lock"), Path.Combine(parent, $".{name}.staging"), Path.Combine(parent, $".{name}.old"));
    }

    /// <summary>Where the new site is written: made by <see cref="Staging"/>.</summary>
    public string StagingDir { get; }

    /// <summary>
    /// The folder to write the new site into, made (and marked as a site) when first asked for, from any thread: a
    /// rebuild with nothing changed writes nothing, and made and deleted it for nothing.
    /// </summary>
    /// <exception cref="SiteWriteException">It cannot be made.</exception>
    public string Staging() => staging.Value;

    private string MakeStaging()
    {
        SiteWriteException.Guard($"making its staging folder {StagingDir}", () =>
        {
            Directory.CreateDirectory(StagingDir);
            // Before the marker: a folder half made is still ours to remove.
            stagingStarted = true;
            File.WriteAllText(Path.Combine(StagingDir, MarkerFile), "This folder is a site built by Plugin Mirror; `mirror build` replaces it whole.\n");
        });
        return StagingDir;
    }

    /// <exception cref="MirrorException">The output is someone else's folder, or another build holds it.</exception>
    /// <exception cref="SiteWriteException">The lock file or the staging folder cannot be made beside the output.</exception>
    public static SitePublication Begin(string outputDir)
    {
        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDir));
        var parent = Path.GetDirectoryName(output) ?? throw new MirrorException($"--output: \"{outputDir}\" cannot be the file system's root");
        if (File.Exists(output))
            throw new MirrorException($"--output: \"{outputDir}\" is a file, not a folder");
        RequireOurs(output, outputDir);
        SiteWriteException.Guard($"creating its folder {parent}", () => Directory.CreateDirectory(parent));
        var publication = new SitePublication(output, TakeLock(output, outputDir));
        try
        {
            SiteWriteException.Guard($"removing what an earlier build left beside it ({publication.StagingDir})", publication.CleanLeftovers);
        }
        catch
        {
            publication.Dispose();
            throw;
        }

        return publication;
    }

    /// <summary>
    /// Whether the staged site's file differs from the one of the site it is about to replace (a file a web server
    /// read at start-up, to be read again); false when there is no such site or file. What stands there in the old site
    /// is compared as <see cref="WholeFile.Holds"/> does: anything but a regular file (a pipe would block) differs.
    /// </summary>
    public bool Changes(string relativePath)
    {
        var current = Path.Combine(output, relativePath);
        var next = Path.Combine(StagingDir, relativePath);
        if (!Path.Exists(current))
            return false;
        var (currentIdentity, nextIdentity) = (FileIdentity.Of(current), FileIdentity.Of(next));
        if (currentIdentity is { } a && nextIdentity is { } b && (a.Device, a.Inode) == (b.Device, b.Inode))
            return false;
        using var nextFile = File.OpenRead(next);
        return !WholeFile.Holds(current, file => nextFile.CopyTo(file));
    }

    /// <summary>
    /// Swaps the new site in. The old one (now in the staging folder) is deleted in the background, its folders on
    /// every core, while the build finishes its other work (saving the cache); <see cref="Dispose"/> waits for it,
    /// so a build that has returned leaves nothing behind, and one killed meanwhile leaves a staging folder.
    /// </summary>
    public void Commit()
    {
        if (Directory.Exists(output))
        {
            AtomicSwap.Exchange(StagingDir, output, aside);
            oldSiteDeletion = Task.Run(() => DeleteTree(StagingDir));
        }
        else
        {
            Directory.Move(StagingDir, output);
        }

        committed = true;
    }

    public void Dispose()
    {
        try
        {
            WaitForOldSiteDeletion();
            // Only a folder this build made: what Begin refused to remove (someone else's folder, a link) or what stood in
            // the way of making it (a file) stays.
            if (!committed && stagingStarted)
                DeleteTree(StagingDir);
        }
        finally
        {
            lockFile.Dispose();
        }
    }

    /// <summary>
    /// Waits until the replaced site is deleted. The new site is live by now: an old site that cannot be deleted (files
    /// the build's user may not remove) is left where it is, and said, for every later build stops at it.
    /// </summary>
    /// <returns>Null, or a warning naming the folder and why.</returns>
    public string? WaitForOldSiteDeletion()
    {
        try
        {
            oldSiteDeletion?.GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the replaced site could not be deleted from {StagingDir} ({e.Message}); remove it by hand: the next build cannot start while it is there";
        }
        finally
        {
            oldSiteDeletion = null;
        }
    }

    /// <summary>
    /// The site marker goes last: a build killed meanwhile leaves a folder the next build still knows for its own. A link
    /// at <paramref name="root"/> is removed itself, never what it leads to.
    /// </summary>
    private static void DeleteTree(string root)
    {
        if (new FileInfo(root).LinkTarget is not null)
        {
            File.Delete(root);
            return;
        }

        AllCores.ForEach(Directory.EnumerateDirectories(root), folder => Directory.Delete(folder, recursive: true));
        foreach (var file in Directory.EnumerateFiles(root).Where(f => Path.GetFileName(f) != MarkerFile).ToList())
            File.Delete(file);
        Directory.Delete(root, recursive: true);
    }

    private static void RequireOurs(string output, string shownAs)
    {
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, MarkerFile)))
        {
            throw new MirrorException(
                $"--output: \"{shownAs}\" already holds files that `mirror build` did not write; refusing to replace it (choose an empty or new folder)");
        }
    }

    /// <summary>
    /// An advisory <c>flock</c>: the OS releases it when a build dies, even by SIGKILL, so a stale lock never blocks the
    /// next build. Only a lock another process holds is another build. The lock file is opened without following a
    /// link (a link there would have the build create or lock its target anywhere), and one that is not a regular file
    /// is refused saying what it is; a lock file that cannot be made (no such folder, no permission, a read-only file
    /// system) is an output that cannot be written.
    /// </summary>
    private static SafeFileHandle TakeLock(string output, string shownAs)
    {
        var path = BesideOutput(output).Lock;
        SafeFileHandle? handle;
        try
        {
            handle = RegularFile.TryLock(path);
        }
        catch (FileRefusedException e)
        {
            throw new MirrorException($"--output: its lock file {path} {e.Message}; refusing to use it (remove it, or choose another output folder)",
                ExitCodes.Failure);
        }
        catch (Exception e) when (WholeFile.IsWriteFailure(e))
        {
            throw new SiteWriteException($"creating its lock file {path}", e);
        }

        return handle ?? throw new MirrorException(
            $"--output: another `mirror build` is writing \"{shownAs}\" (it holds {path}); try again when it has finished", ExitCodes.OutputBusy);
    }

    /// <summary>
    /// A killed build leaves a staging folder; a build killed mid-fallback-swap leaves the old site aside. Only what a
    /// build left is removed or taken back: a link at either name (deleting "its" folders would delete the target's,
    /// anywhere) or a folder without the site marker (someone else's files) is refused.
    /// </summary>
    private void CleanLeftovers()
    {
        foreach (var leftover in new[] { aside, StagingDir })
        {
            RequireNotLink(leftover, "a folder a build leaves beside it");
            if (Directory.Exists(leftover) && Directory.EnumerateFileSystemEntries(leftover).Any() && !File.Exists(Path.Combine(leftover, MarkerFile)))
            {
                throw new MirrorException($"--output: {leftover} holds files that `mirror build` did not write; refusing to delete them " +
                    "(move them away, or choose another output folder)", ExitCodes.Failure);
            }
        }

        if (Directory.Exists(aside))
        {
            if (Directory.Exists(output))
                DeleteTree(aside);
            else
                Directory.Move(aside, output);
        }

        if (Directory.Exists(StagingDir))
            DeleteTree(StagingDir);
    }

    /// <summary>Beside the output, a build only uses what it made there: a link would have it write or delete wherever it leads.</summary>
    /// <exception cref="MirrorException">There is a symbolic link at <paramref name="path"/> (exit 1).</exception>
    public static void RequireNotLink(string path, string what)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new MirrorException($"--output: {path} ({what}) is a symbolic link, and links are not followed here; refusing to use it " +
                "(remove it, or choose another output folder)", ExitCodes.Failure);
        }
    }
}
