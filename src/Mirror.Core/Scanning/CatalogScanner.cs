namespace Mirror.Core.Scanning;

/// <summary>Finds the bundles of a catalog folder: every <c>*.tar.gz</c> below it except under <c>keys/</c> and hidden folders.</summary>
internal static class CatalogScanner
{
    public const string KeysFolder = "keys";
    public const string BundleSuffix = ".tar.gz";

    /// <summary>Binary or armored; <c>.sig</c> wins when both exist, as <c>gpg --detach-sign</c> names it.</summary>
    private static readonly string[] SignatureSuffixes = [".sig", ".asc"];

    public static IReadOnlyList<BundleCandidate> Scan(string catalogDir)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.Hidden,
            IgnoreInaccessible = false,
            MatchCasing = MatchCasing.CaseInsensitive,
        };
        var keysDir = Path.Combine(catalogDir, KeysFolder) + Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(catalogDir, "*" + BundleSuffix, options)
            .Where(path => !path.StartsWith(keysDir, StringComparison.Ordinal))
            .Select(path => Candidate(path, Relative(catalogDir, path)))
            .OrderBy(c => c.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    public static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <param name="displayPath">How the report and messages name the bundle.</param>
    public static BundleCandidate Candidate(string fullPath, string displayPath) =>
        new(fullPath, displayPath, FindSignature(fullPath));

    private static string? FindSignature(string bundlePath) =>
        SignatureSuffixes.Select(suffix => bundlePath + suffix).FirstOrDefault(File.Exists);
}
