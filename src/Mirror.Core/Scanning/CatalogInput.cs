using Mirror.Core.Settings;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Scanning;

/// <summary>A catalog folder read for checking: its settings, its trusted keys and its bundles.</summary>
internal sealed record CatalogInput(string CatalogDir, SettingsFile Settings, TrustedKeyring Keyring, IReadOnlyList<BundleCandidate> Candidates)
{
    /// <summary>Links to folders found below the catalog, which the scan does not follow (catalog-relative names).</summary>
    public IReadOnlyList<string> SkippedLinks { get; init; } = [];

    /// <exception cref="MirrorException">The folder is missing, or mirror.json or a key file is bad.</exception>
    public static CatalogInput Load(string catalogDir)
    {
        RequireFolder(Path.GetFullPath(catalogDir), catalogDir);
        var full = RealPath.Of(catalogDir);
        var settings = SettingsFile.Load(full);
        // The folders are listed while the keys are read and verified: neither waits for the other. A bad key still
        // outranks an unreadable folder as the error.
        var skipped = new List<string>();
        var scan = Task.Run(() => CatalogScanner.Scan(full, skipped));
        var keyring = LoadKeys(() => TrustedKeyring.LoadFolder(Path.Combine(full, CatalogScanner.KeysFolder), CatalogScanner.KeysFolder));
        var candidates = scan.GetAwaiter().GetResult();
        return new CatalogInput(full, settings, keyring, candidates) { SkippedLinks = skipped.Order(StringComparer.Ordinal).ToList() };
    }

    /// <exception cref="MirrorException">The catalog is missing or is a file.</exception>
    public static void RequireFolder(string fullPath, string shownAs)
    {
        if (File.Exists(fullPath))
            throw new MirrorException($"catalog \"{shownAs}\" is a file, not a folder");
        if (!Directory.Exists(fullPath))
            throw new MirrorException($"catalog folder \"{shownAs}\" does not exist");
    }

    /// <summary>Single bundles (<c>mirror verify BUNDLE...</c>), checked against the keys of <paramref name="keyPaths"/>: key files or folders of them.</summary>
    /// <exception cref="MirrorException">A bundle or key path is missing, or a key file is bad.</exception>
    public static CatalogInput ForBundles(IReadOnlyList<string> bundles, IReadOnlyList<string> keyPaths)
    {
        var keyring = LoadKeyring(keyPaths);
        var candidates = bundles.Select(bundle => File.Exists(bundle)
                ? CatalogScanner.Candidate(Path.GetFullPath(bundle), DisplayName.Escape(bundle.Replace(Path.DirectorySeparatorChar, '/')))
                : throw new MirrorException($"{bundle}: no such bundle file"))
            .DistinctBy(c => c.FullPath)
            .ToList();
        return new CatalogInput(Directory.GetCurrentDirectory(), SettingsFile.Empty, keyring, candidates);
    }

    /// <summary>The keys of <paramref name="keyPaths"/>: key files or folders of them (<c>--keys</c>).</summary>
    /// <exception cref="MirrorException">A path is missing, or a key file is bad.</exception>
    public static TrustedKeyring LoadKeyring(IReadOnlyList<string> keyPaths) =>
        LoadKeys(() => TrustedKeyring.Load(keyPaths.SelectMany(KeyFiles).ToList()));

    private static IEnumerable<(string Path, string Display)> KeyFiles(string path)
    {
        if (Directory.Exists(path))
            return TrustedKeyring.FilesIn(path, path);
        if (!File.Exists(path))
            throw new MirrorException($"--keys {path}: no such key file or folder");
        return [(path, path)];
    }

    private static TrustedKeyring LoadKeys(Func<TrustedKeyring> load)
    {
        try
        {
            return load();
        }
        catch (KeyFileException e)
        {
            throw new MirrorException(e.Message);
        }
    }
}
