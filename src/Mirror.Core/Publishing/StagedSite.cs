using Mirror.Core.Rendering;

namespace Mirror.Core.Publishing;

/// <summary>
/// Puts the files of a new site into its staging folder, from several threads: each folder is created once (a build
/// used to ask for the same folders thousands of times).
/// </summary>
public sealed class StagedSite(string stagingDir) : ISiteOutput
{
    private readonly HashSet<string> folders = new(StringComparer.Ordinal) { "" };

    public string Root { get; } = stagingDir;

    public void Write(string relativePath, byte[] bytes) => File.WriteAllBytes(Prepare(relativePath), bytes);

    /// <summary>Moves a file already inside the staging folder (a bundle's copy, made while it was checked) into place.</summary>
    public void MoveIn(string relativePath, string stagedFile) => File.Move(stagedFile, Prepare(relativePath));

    private string Prepare(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        if (slash > 0)
            EnsureFolder(relativePath[..slash]);
        return Path.Combine(Root, relativePath);
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
