using System.IO.Enumeration;

namespace Mirror.Core.Scanning;

/// <summary>
/// Finds the bundles of a catalog folder: every <c>*.tar.gz</c> below it except under <c>keys/</c> and hidden folders.
/// Links to folders are never followed (two links to ".." made the scan grow without bound, and a followed link
/// counts its files twice or reaches outside the catalog); anything named <c>*.tar.gz</c> that is not a folder is a
/// candidate, and the checker refuses what is not a regular file (a link, a pipe, a device).
/// </summary>
internal static class CatalogScanner
{
    public const string KeysFolder = "keys";
    public const string BundleSuffix = ".tar.gz";

    /// <summary>A bundle's detached signature beside it, as <c>gpg --detach-sign</c>, <c>mirror sign</c> and the site name it.</summary>
    public const string SignatureSuffix = ".sig";

    /// <summary>Binary or armored; <c>.sig</c> wins when both exist.</summary>
    private static readonly string[] SignatureSuffixes = [SignatureSuffix, ".asc"];

    /// <param name="skippedLinks">Receives the catalog-relative names of the folder links that were not followed.</param>
    /// <exception cref="MirrorException">A folder of the catalog cannot be read: a partial scan must not replace a whole site.</exception>
    public static IReadOnlyList<BundleCandidate> Scan(string catalogDir, ICollection<string>? skippedLinks = null)
    {
        var keysDir = Path.Combine(catalogDir, KeysFolder);
        var found = new FileSystemEnumerable<(string Path, bool IsFolderLink)>(catalogDir,
            (ref FileSystemEntry entry) => (entry.ToFullPath(), IsFolderLink(ref entry)),
            new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 })
        {
            ShouldRecursePredicate = (ref FileSystemEntry entry) => IsRealFolder(ref entry) && entry.ToFullPath() != keysDir,
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !IsHidden(ref entry) && (IsFolderLink(ref entry) || IsSignatureName(entry.FileName) ||
                (!IsRealFolder(ref entry) && entry.FileName.EndsWith(BundleSuffix, StringComparison.OrdinalIgnoreCase))),
        };
        try
        {
            var bundles = new List<string>();
            // Signatures are told from the listing, not looked up: a stat per bundle was a fifth of a rebuild's system calls.
            var signatures = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, isFolderLink) in found)
            {
                if (IsSignatureName(Path.GetFileName(path.AsSpan())))
                    signatures.Add(path);
                if (isFolderLink)
                    skippedLinks?.Add(DisplayName.Escape(Relative(catalogDir, path)));
                else if (path.EndsWith(BundleSuffix, StringComparison.OrdinalIgnoreCase))
                    bundles.Add(path);
            }

            var candidates = bundles.Select(path => new BundleCandidate(path, DisplayName.Escape(Relative(catalogDir, path)),
                SignatureSuffixes.Select(suffix => path + suffix).FirstOrDefault(signatures.Contains)));
            return candidates.OrderBy(c => c.RelativePath, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MirrorException($"the catalog cannot be read whole ({e.Message.TrimEnd('.')}); nothing was built from it");
        }
    }

    /// <summary>A name a signature may have (of any entry: one that is not a regular file is refused when read).</summary>
    private static bool IsSignatureName(ReadOnlySpan<char> name)
    {
        foreach (var suffix in SignatureSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    private static bool IsHidden(ref FileSystemEntry entry) => entry.FileName.StartsWith('.');

    private static bool IsRealFolder(ref FileSystemEntry entry) =>
        entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0 && !IsHidden(ref entry);

    private static bool IsFolderLink(ref FileSystemEntry entry) => entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) != 0;

    /// <summary>A path relative to the catalog with '/' separators (not escaped: see <see cref="DisplayName"/> for messages).</summary>
    public static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <param name="displayPath">How the report and messages name the bundle.</param>
    public static BundleCandidate Candidate(string fullPath, string displayPath) =>
        new(fullPath, displayPath, FindSignature(fullPath));

    /// <summary>A signature that is a link, a pipe or a device is still found here, and refused when read.</summary>
    private static string? FindSignature(string bundlePath) =>
        SignatureSuffixes.Select(suffix => bundlePath + suffix).FirstOrDefault(path => Path.Exists(path) || new FileInfo(path).LinkTarget is not null);
}
