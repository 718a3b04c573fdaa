namespace Mirror.Core.Syncing;

/// <summary><c>mirror import PLUGINS_JSON</c>: every version a <c>plugins.json</c> lists, downloaded or taken from a folder.</summary>
/// <param name="BundlesDir">The release assets already downloaded (offline), or null to download.</param>
public sealed record ImportRequest(
    string PluginsJson,
    string CatalogDir,
    string? BundlesDir,
    IReadOnlyList<string> Platforms,
    IReadOnlyList<string> PluginIds,
    IReadOnlyList<string> KeyPaths);

public static class PluginsJsonImport
{
    /// <exception cref="MirrorException">Bad usage or a bad plugins.json: nothing was written.</exception>
    public static SyncReport Run(ImportRequest request, Downloader downloader, Action<WantedBundle>? starting = null)
    {
        if (Directory.Exists(request.PluginsJson))
            throw new MirrorException($"{request.PluginsJson} is a folder; give a plugins.json file");
        if (!File.Exists(request.PluginsJson))
            throw new MirrorException($"{request.PluginsJson}: no such file");
        if (request.BundlesDir is { } dir && !Directory.Exists(dir))
            throw new MirrorException($"--bundles {dir}: no such folder");
        foreach (var platform in request.Platforms)
            MarketplaceSync.RequirePlatform(platform);
        if (new FileInfo(request.PluginsJson).Length > ListingParser.MaxBytes)
            throw new MirrorException($"{request.PluginsJson}: too large for a plugins.json");
        var entries = ListingParser.Parse(File.ReadAllBytes(request.PluginsJson), request.PluginsJson);
        var ids = request.PluginIds.Select(id => id.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var run = SyncRun.Open(request.CatalogDir, request.KeyPaths);

        var plan = new SyncPlan();
        plan.AddEntries(entries.Where(e => ids.Count == 0 || ids.Contains(e.Id)), request.Platforms);
        if (plan.Count == 0)
            throw new MirrorException($"{request.PluginsJson} lists no plugin{(ids.Count > 0 ? " of those ids" : "")}; nothing to import", ExitCodes.Failure);
        IBundleSource source = request.BundlesDir is null ? new DownloadSource(downloader) : new FolderSource(request.BundlesDir);
        return run.Bring(plan, source, starting, () => downloader.BytesReceived);
    }
}
