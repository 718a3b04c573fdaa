using System.CommandLine;
using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Core.Publishing;
using Mirror.Core.Rendering;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror build [CATALOG] --output DIR --base-url URL [--target VERSION]... [--strict]</c></summary>
internal static class BuildCommand
{
    public static Command Create(TextWriter stderr)
    {
        var catalog = Arguments.Catalog("The catalog folder: bundles with their .sig files, keys/ with the trusted public keys, an optional mirror.json.");
        var output = new Option<string>("--output", "-o")
        {
            Description = "The site folder to write; it is replaced whole, and only if the build publishes something.",
            DefaultValueFactory = _ => "./site",
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "The URL the site is served at [default: mirror.json's base_url, else http://localhost:8080/].",
        };
        var targets = new Option<string[]>("--target")
        {
            Description = "A pinned listing under mm/VERSION: what a server of that version can run, whatever asks (repeatable; the root URL already suits every version).",
        };
        var title = new Option<string?>("--title") { Description = "The site's title [default: mirror.json's title, else Plugin Mirror]." };
        var strict = new Option<bool>("--strict") { Description = "Publish nothing, exit 1, if any bundle is rejected." };
        var templates = new Option<string?>("--templates")
        {
            Description = "A folder of Scriban templates and assets/ to use instead of the built-in ones (file by file).",
        };
        var report = new Option<string?>("--report") { Description = "Also write report.json to this path (written even when nothing is published)." };
        var cache = new Option<string?>("--cache")
        {
            Description = "The folder of the build cache, which lets a rebuild skip unchanged bundles [default: .NAME.cache beside the output folder].",
        };
        var noCache = new Option<bool>("--no-cache") { Description = "A cold build: neither read nor write the build cache." };

        var command = new Command("build", "Verify every bundle of a catalog and publish a static Marketplace site.")
        {
            catalog, output, baseUrl, targets, title, strict, report, templates, cache, noCache,
        };
        command.SetAction(parsed => Guarded.Run(stderr, () =>
        {
            var progress = new BuildProgress();
            var request = new BuildRequest(parsed.GetValue(catalog)!, parsed.GetValue(output)!)
            {
                BaseUrl = parsed.GetValue(baseUrl),
                Targets = parsed.GetValue(targets) ?? [],
                Title = parsed.GetValue(title),
                Strict = parsed.GetValue(strict),
                ReportPath = parsed.GetValue(report),
                TemplatesDir = parsed.GetValue(templates),
                SourceDate = FileTimes.SourceDateEpoch(Environment.GetEnvironmentVariable(FileTimes.SourceDateEpochVariable)),
                CacheDir = parsed.GetValue(cache),
                NoCache = parsed.GetValue(noCache),
                Progress = progress,
            };
            BuildResult result;
            using (ProgressLine.ForTerminal(stderr, progress, quiet: false))
                result = SiteBuilder.Build(request);
            WriteSummary(result, stderr);
            return result.ExitCode;
        }));
        return command;
    }

    private static void WriteSummary(BuildResult result, TextWriter stderr)
    {
        var rejected = result.Rejected.ToList();
        var cached = result.FromCache > 0 ? $" ({result.FromCache} unchanged since the last build, known from the cache)" : "";
        stderr.WriteLine($"mirror: {result.Bundles.Count} bundle(s) checked{cached}: {result.PublishedCount} published " +
            $"({result.Catalog.Plugins.Count} plugin(s)), {rejected.Count} rejected");
        SkippedLinks.Write(result.SkippedLinks, stderr);
        foreach (var bundle in result.Bundles.Where(b => b.IsPublished))
        {
            foreach (var warning in bundle.Warnings)
                stderr.WriteLine($"  warning {bundle.Candidate.RelativePath}: {warning}");
        }

        foreach (var bundle in rejected)
            stderr.WriteLine($"  rejected {bundle.Reason}");
        if (result.SitePublished)
        {
            stderr.WriteLine(result.SiteUnchanged
                ? $"mirror: nothing changed; the site in {result.OutputDir} is left as it is"
                : $"mirror: site written to {result.OutputDir}");
            stderr.WriteLine($"mirror: Marketplace URL {SiteUrls.MarketplaceUrl(result.Settings, null)} (right for every server version)");
            foreach (var target in result.Settings.Targets)
                stderr.WriteLine($"mirror: pinned to {target}: {SiteUrls.MarketplaceUrl(result.Settings, target)}");
        }
        else
        {
            stderr.WriteLine(result.Bundles.Count == 0
                ? "mirror: no *.tar.gz bundles in the catalog; nothing published, the previous site is untouched"
                : "mirror: nothing published; the previous site is untouched");
        }
    }
}
