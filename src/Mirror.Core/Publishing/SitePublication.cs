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
    private bool committed;
    private Task? oldSiteDeletion;

    private SitePublication(string output, SafeFileHandle lockFile)
    {
        this.output = output;
        this.lockFile = lockFile;
        var parent = Path.GetDirectoryName(output)!;
        var name = Path.GetFileName(output);
        StagingDir = Path.Combine(parent, $".{name}.staging");
        aside = Path.Combine(parent, $".{name}.old");
    }

    /// <summary>The folder to write the new site into.</summary>
    public string StagingDir { get; }

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
        var publication = new SitePublication(output, TakeLock(parent, Path.GetFileName(output), outputDir));
        try
        {
            SiteWriteException.Guard($"making its staging folder {publication.StagingDir}", () =>
            {
                publication.CleanLeftovers();
                Directory.CreateDirectory(publication.StagingDir);
                File.WriteAllText(Path.Combine(publication.StagingDir, MarkerFile), "This folder is a site built by Plugin Mirror; `mirror build` replaces it whole.\n");
            });
        }
        catch
        {
            publication.Dispose();
            throw;
        }

        return publication;
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
            if (!committed && Directory.Exists(StagingDir))
                Directory.Delete(StagingDir, recursive: true);
        }
        finally
        {
            lockFile.Dispose();
        }
    }

    /// <summary>The new site is live by now: an old site that cannot be deleted is left for the next build to remove.</summary>
    private void WaitForOldSiteDeletion()
    {
        try
        {
            oldSiteDeletion?.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void DeleteTree(string root)
    {
        AllCores.ForEach(Directory.EnumerateDirectories(root), folder => Directory.Delete(folder, recursive: true));
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
    private static SafeFileHandle TakeLock(string parent, string name, string shownAs)
    {
        var path = Path.Combine(parent, $".{name}.lock");
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
        catch (Exception e) when (SiteWriteException.IsWriteFailure(e))
        {
            throw new SiteWriteException($"creating its lock file {path}", e);
        }

        return handle ?? throw new MirrorException(
            $"--output: another `mirror build` is writing \"{shownAs}\" (it holds {path}); try again when it has finished", ExitCodes.OutputBusy);
    }

    /// <summary>A killed build leaves a staging folder; a build killed mid-fallback-swap leaves the old site aside.</summary>
    private void CleanLeftovers()
    {
        if (Directory.Exists(aside))
        {
            if (Directory.Exists(output))
                Directory.Delete(aside, recursive: true);
            else
                Directory.Move(aside, output);
        }

        if (Directory.Exists(StagingDir))
            Directory.Delete(StagingDir, recursive: true);
    }
}
