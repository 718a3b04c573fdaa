using Mirror.Core.Model;
using Mirror.Core.Publishing;
using Mirror.Core.Rendering;
using Mirror.Core.Rendering.Html;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Scanning;
using Mirror.Core.Settings;
using Mirror.Core.Verification;

namespace Mirror.Core.Pipeline;

/// <summary><c>mirror build</c>: scan → read and verify every bundle (in parallel) → model → render → publish whole.</summary>
public static class SiteBuilder
{
    /// <exception cref="MirrorException">Bad settings, keys or output folder; nothing was written.</exception>
    public static BuildResult Build(BuildRequest request)
    {
        var input = CatalogInput.Load(request.CatalogDir);
        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.OutputDir));
        RequireApart(input.CatalogDir, output);
        var settings = SettingsResolver.Resolve(input.Settings, request.BaseUrl, request.Targets, request.Title);
        var templates = TemplateSet.WithOverrides(request.TemplatesDir);

        using var publication = SitePublication.Begin(output);
        var staged = StagedBundles.In(publication.StagingDir);
        var bundles = CatalogChecker.CheckAll(input, request.Limits, staged.Open);
        var catalog = PluginCatalog.From(bundles, settings);
        var report = ReportFile.Render(bundles);
        if (request.ReportPath is { } reportPath)
            WholeFile.Write(reportPath, report);

        var rejected = bundles.Count(b => !b.IsPublished);
        var publish = catalog.Plugins.Count > 0 && !(request.Strict && rejected > 0);
        if (publish)
        {
            SiteWriteException.Guard("writing its files", () =>
            {
                SiteWriter.Write(new StagedSite(publication.StagingDir), new SiteContent(catalog, bundles, input.Keyring, settings, report), templates, staged);
                staged.DeleteLeftovers();
                if (request.SourceDate is { } sourceDate)
                    FileTimes.SetAll(publication.StagingDir, sourceDate);
            });
            SiteWriteException.Guard("swapping it in", publication.Commit);
        }

        var exitCode = ExitCodes.ForOutcome(catalog.Plugins.Count, rejected, request.Strict);
        return new BuildResult(bundles, catalog, settings, publish, output, exitCode);
    }

    /// <summary>The swap replaces the output whole: it must not hold the catalog, nor sit inside it.</summary>
    private static void RequireApart(string catalog, string output)
    {
        if (IsSameOrInside(output, catalog) || IsSameOrInside(catalog, output))
            throw new MirrorException($"--output \"{output}\" and the catalog \"{catalog}\" must not contain one another");
    }

    private static bool IsSameOrInside(string path, string folder) =>
        path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
