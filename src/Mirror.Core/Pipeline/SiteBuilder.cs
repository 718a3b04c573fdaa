using Mirror.Core.Model;
using Mirror.Core.Publishing;
using Mirror.Core.Rendering;
using Mirror.Core.Rendering.Html;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Rendering.WebServer;
using Mirror.Core.Scanning;
using Mirror.Core.Settings;
using Mirror.Core.Verification;

namespace Mirror.Core.Pipeline;

/// <summary><c>mirror build</c>: scan → read and verify every bundle (in parallel) → model → render → publish whole.</summary>
internal static class SiteBuilder
{
    /// <exception cref="MirrorException">Bad settings, keys or output folder; nothing was written.</exception>
    public static BuildResult Build(BuildRequest request)
    {
        var input = CatalogInput.Load(request.CatalogDir);
        // Real paths: "catlink/site" is inside the catalog when catlink links to it, and an --output that is a link
        // to a site is followed, so the site it leads to is the one replaced (never left stale behind a new folder).
        var output = RealPath.Of(request.OutputDir);
        BuildPlaces.RequireApart(input.CatalogDir, output);
        var cacheFolder = request.NoCache ? null
            : request.CacheDir is { } cacheDir ? BuildPlaces.Cache(cacheDir, input.CatalogDir, output) : BuildCache.DefaultFolder(output);
        var report = request.ReportPath is { } asked ? BuildPlaces.Report(asked, input.CatalogDir, output, cacheFolder) : null;
        var settings = SettingsResolver.Resolve(input.Settings, request.BaseUrl, request.Targets, request.Title);
        var templates = TemplateSet.WithOverrides(request.TemplatesDir);

        using var publication = SitePublication.Begin(output);
        if (!request.NoCache && request.CacheDir is null)
            SitePublication.RequireNotLink(BuildCache.DefaultFolder(output), "its build cache; --cache DIR puts the cache elsewhere");
        var checksKey = BuildKeys.Checks(input.Keyring, request.Limits);
        var cache = cacheFolder is null ? BuildCache.Empty : BuildCache.Load(cacheFolder, checksKey, output);
        // However the build ends (a bad --report, a template error, a full disk), the background look at the previous
        // site started by BuildCache.Load ends with it, before the lock on the output is let go.
        using var lookEnds = cache.Previous;
        var staged = new StagedBundles(publication);
        // A cold build keeps no records: what each bundle's read found (its file list, kept files) is only for the cache.
        var bundles = CatalogChecker.CheckAll(input, request.Limits, staged.Copy, cacheFolder is null ? null : cache.Checks,
            accepted => cache.Previous.Holds(accepted.Sha256), request.Progress);
        var pagesKey = cacheFolder is null ? "" : BuildKeys.Pages(checksKey, request, input.Settings, templates);
        var siteKey = cacheFolder is null ? "" : BuildKeys.Site(pagesKey, bundles);
        // The previous site's files are looked at in the background since the cache was read (see BuildCache.Load): no
        // longer needed once the site is known to change.
        if (siteKey.Length == 0 || siteKey != cache.SiteKey)
            cache.Previous.StopLooking();
        var catalog = PluginCatalog.From(bundles, settings);
        report?.Write(file => ReportFile.Write(file, bundles), request.ReportPath!);

        var rejected = bundles.Count(b => !b.IsPublished);
        var publish = catalog.Plugins.Count > 0 && !(request.Strict && rejected > 0);
        var unchanged = publish && siteKey.Length > 0 && siteKey == cache.SiteKey && cache.Previous.IsIntact();
        var (publishedKey, siteFiles, pagesKept) = (cache.SiteKey, cache.Previous.Records, 0);
        var nginxConfigChanged = false;
        if (publish && !unchanged)
        {
            var site = new StagedSite(publication.Staging(), cache.Previous, request.Progress) { KeepsRecords = cacheFolder is not null };
            request.Progress?.Begin("writing the site", 0);
            SiteWriteException.Guard("writing its files", () =>
            {
                SiteWriter.Write(site, new SiteContent(catalog, bundles, input.Keyring, settings) { PagesKey = pagesKey }, templates, staged);
                staged.DeleteLeftovers();
                if (request.SourceDate is { } sourceDate)
                    FileTimes.SetAll(publication.StagingDir, sourceDate);
            });
            (publishedKey, siteFiles, pagesKept) = (siteKey, cacheFolder is null ? [] : site.Records(), site.Kept);
            nginxConfigChanged = SiteWriteException.Guard("comparing its nginx configuration", () => publication.Changes(NginxConfig.RelativePath));
            SiteWriteException.Guard("swapping it in", publication.Commit);
        }

        var cacheWarning = cacheFolder is not null && !(unchanged && !cache.Checks.Changed)
            ? SaveCache(cacheFolder, checksKey, output, publishedKey, cache, siteFiles)
            : null;
        string?[] warnings = [cacheWarning, publication.WaitForOldSiteDeletion()];
        var exitCode = ExitCodes.ForOutcome(catalog.Plugins.Count, rejected, request.Strict);
        return new BuildResult(bundles, catalog, settings, publish, output, exitCode)
        {
            SiteUnchanged = unchanged,
            FromCache = bundles.Count(b => staged.PathOf(b.Candidate) is null && b.Sha256.Length > 0),
            SkippedLinks = input.SkippedLinks,
            KeyWarnings = input.Keyring.Warnings,
            PagesKept = pagesKept,
            NginxConfigChanged = nginxConfigChanged,
            Warnings = [.. warnings.OfType<string>()],
        };
    }

    /// <summary>The cache only saves time: one that cannot be written leaves the next build cold, nothing worse.</summary>
    /// <returns>Null, or why it was not saved (a warning: the build itself succeeded).</returns>
    private static string? SaveCache(string folder, string checksKey, string output, string siteKey, BuildCache cache, IReadOnlyCollection<SiteFileRecord> siteFiles)
    {
        try
        {
            BuildCache.Save(folder, checksKey, output, siteKey, cache.Checks.Records, siteFiles);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the build cache could not be saved in {folder} ({e.Message}); the next build will check and write everything again";
        }
    }
}
