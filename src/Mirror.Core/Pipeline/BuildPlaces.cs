using Mirror.Core.Publishing;

namespace Mirror.Core.Pipeline;

/// <summary>
/// The places a build writes, checked before it starts: the site is replaced whole, the catalog is only read, and
/// the report and the cache must be neither of them nor one of the files a build keeps beside the site.
/// </summary>
internal static class BuildPlaces
{
    /// <summary>The swap replaces the output whole: it must not hold the catalog, nor sit inside it.</summary>
    public static void RequireApart(string catalog, string output)
    {
        if (RealPath.IsSameOrInside(output, catalog) || RealPath.IsSameOrInside(catalog, output))
            throw new MirrorException($"--output \"{output}\" and the catalog \"{catalog}\" must not contain one another");
    }

    /// <summary>
    /// Where --report goes: a file outside the catalog, the site and the build's own files, whose folder is followed
    /// through links (see <see cref="ReportDestination"/> for the file itself).
    /// </summary>
    public static ReportDestination Report(string report, string catalog, string output, string? cacheFolder)
    {
        if (Directory.Exists(report))
            throw new MirrorException($"--report \"{report}\" is a folder; give a file name such as report.json");
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(report));
        if (name.Length == 0 || name is "." or "..")
            throw new MirrorException($"--report \"{report}\" names no file; give a file name such as report.json");
        var target = Path.Combine(RealPath.Of(Path.GetDirectoryName(Path.GetFullPath(report))!), name);
        if (RealPath.IsSameOrInside(target, catalog))
            throw new MirrorException($"--report \"{report}\" is inside the catalog, which a build only reads; write it elsewhere");
        if (RealPath.IsSameOrInside(target, output))
            throw new MirrorException($"--report \"{report}\" is inside --output, which the build replaces whole (the site has its own report.json)");
        if (OwnFile(target, output, cacheFolder) is { } own)
            throw new MirrorException($"--report \"{report}\" is {own}; write it elsewhere");
        return ReportDestination.For(target, report);
    }

    /// <summary>The cache folder: apart from the catalog (only read) and the site (replaced whole, and served).</summary>
    /// <returns>Its real path.</returns>
    public static string Cache(string cacheDir, string catalog, string output)
    {
        var folder = RealPath.Of(Path.GetFullPath(cacheDir));
        if (File.Exists(folder) || (!Directory.Exists(folder) && Path.Exists(folder)))
            throw new MirrorException($"--cache \"{cacheDir}\" is not a folder; give a folder for the build cache");
        // Only what the cache holds matters (one file, build-cache.bin, in the folder): the folder may hold the catalog and the site.
        if (RealPath.IsSameOrInside(folder, catalog))
            throw new MirrorException($"--cache \"{cacheDir}\" is inside the catalog, which a build only reads; give another folder");
        if (RealPath.IsSameOrInside(folder, output))
            throw new MirrorException($"--cache \"{cacheDir}\" is inside --output, which the build replaces whole (and serves); give another folder");
        if (OwnFile(folder, output, null) is { } own)
            throw new MirrorException($"--cache \"{cacheDir}\" is {own}; give another folder");
        return folder;
    }

    private static string? OwnFile(string path, string output, string? cacheFolder)
    {
        var (lockFile, staging, aside) = SitePublication.BesideOutput(output);
        if (path == lockFile)
            return "the build's lock file";
        if (RealPath.IsSameOrInside(path, staging) || RealPath.IsSameOrInside(path, aside))
            return "where the build puts a site while it replaces it";
        return cacheFolder is not null && RealPath.IsSameOrInside(path, cacheFolder) ? "inside the build cache" : null;
    }
}
