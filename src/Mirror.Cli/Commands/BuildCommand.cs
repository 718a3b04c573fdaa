using System.CommandLine;
using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Core.Publishing;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror build [CATALOG] --output DIR --base-url URL [--target VERSION]... [--strict] [--quiet] [--json]</c></summary>
internal static class BuildCommand
{
    public static Command Create(Output output)
    {
        var catalog = Arguments.Catalog("The catalog folder: bundles with their .sig files, keys/ with the trusted public keys, an optional mirror.json.");
        var site = new Option<string>("--output", "-o")
        {
            Description = "The site folder to write; it is replaced whole, and only if the build publishes something.",
            DefaultValueFactory = _ => "./site",
            HelpName = "DIR",
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "The URL the site is served at [default: mirror.json's base_url, else http://localhost:8080/].",
            HelpName = "URL",
        };
        var targets = new Option<string[]>("--target")
        {
            Description = "A pinned listing under mm/VERSION: never a version that needs a server newer than VERSION (an older server still gets only what it can run; repeatable; the root URL already suits every version).",
            HelpName = "VERSION",
        };
        var title = new Option<string?>("--title") { Description = "The site's title [default: mirror.json's title, else Plugin Mirror].", HelpName = "TEXT" };
        var strict = new Option<bool>("--strict") { Description = "Publish nothing, exit 1, if any bundle is rejected." };
        var templates = new Option<string?>("--templates")
        {
            Description = "A folder of Scriban templates and assets/ to use instead of the built-in ones (file by file).",
            HelpName = "DIR",
        };
        var report = new Option<string?>("--report") { Description = "Also write report.json to this path (written even when nothing is published).", HelpName = "FILE" };
        var cache = new Option<string?>("--cache")
        {
            Description = "The folder of the build cache, which lets a rebuild skip unchanged bundles [default: .NAME.cache beside the output folder].",
            HelpName = "DIR",
        };
        var noCache = new Option<bool>("--no-cache") { Description = "A cold build: neither read nor write the build cache." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only errors: rejected bundles, and why nothing was published." };
        var json = new Option<bool>("--json") { Description = "Print the build's summary as JSON on stdout (for scripts) instead of the published plugins." };

        var command = new Command("build", "Verify every bundle of a catalog and publish a static Marketplace site.")
        {
            catalog, site, baseUrl, targets, title, strict, report, templates, cache, noCache, quiet, json,
        };
        command.SetAction(parsed => Guarded.Run(output.Stderr, () =>
        {
            if (parsed.GetValue(cache) is not null && parsed.GetValue(noCache))
                throw new MirrorException("--cache and --no-cache ask for opposite things; give one of them");
            var progress = new BuildProgress();
            var request = new BuildRequest(parsed.GetValue(catalog)!, parsed.GetValue(site)!)
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
            using (ProgressLine.ForTerminal(output.Stderr, progress, quiet: parsed.GetValue(quiet)))
                result = SiteBuilder.Build(request);
            if (parsed.GetValue(json))
                output.Stdout.Write(BuildSummary.Json(result));
            else if (!parsed.GetValue(quiet))
                output.Stdout.Write(BuildSummary.Published(result, output.Terminal));
            output.Stderr.Write(BuildSummary.Text(result, parsed.GetValue(quiet)));
            return result.ExitCode;
        }));
        return command;
    }
}
