using System.CommandLine;
using Mirror.Core.Syncing;

namespace Mirror.Cli.Commands;

/// <summary>The flags <c>sync</c> and <c>import</c> share, and how both report.</summary>
internal sealed class SyncOptions
{
    public Option<string> To { get; } = new("--to")
    {
        HelpName = "DIR",
        Description = "The catalog folder to bring the bundles into (created if missing).",
        Required = true,
    };

    public Option<string[]> Keys { get; } = new("--keys")
    {
        HelpName = "PATH",
        Description = "A trusted public key file or folder of them (repeatable) [default: Mattermost's plugin signing key, built in].",
    };

    public Option<string[]> Plugins { get; } = new("--plugin") { HelpName = "ID", Description = "Only this plugin id (repeatable)." };

    public Option<string[]> Platforms { get; } = new("--platform")
    {
        HelpName = "PLATFORM",
        Description = "Also the platform bundles for this platform, e.g. linux-amd64 (repeatable) [default: generic bundles only].",
    };

    public Option<string?> Proxy { get; } = new("--proxy")
    {
        HelpName = "URL",
        Description = "The HTTP proxy to use, e.g. http://proxy.corp:3128 [default: HTTPS_PROXY/HTTP_PROXY; NO_PROXY applies to both].",
    };

    public Option<int> Retries { get; } = new("--retries")
    {
        HelpName = "N",
        Description = "How often to retry a request after a network error or a 5xx, waiting 1 s, 2 s, 4 s….",
        DefaultValueFactory = _ => 3,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(To);
        command.Options.Add(Keys);
        command.Options.Add(Plugins);
        command.Options.Add(Platforms);
        command.Options.Add(Proxy);
        command.Options.Add(Retries);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Retries) is < 0 or > 10)
                result.AddError("--retries must be between 0 and 10");
        });
    }

    /// <summary>Runs a sync or import with a downloader (progress on stderr only when it is a terminal), then reports.</summary>
    public int Run(ParseResult parsed, TextWriter stderr, Func<Downloader, Action<WantedBundle>, SyncReport> sync)
    {
        var progress = new SyncProgress(stderr);
        using var downloader = new Downloader(ProxyChoice.For(parsed.GetValue(Proxy)), parsed.GetValue(Retries)) { Progress = progress.Advance };
        var report = sync(downloader, progress.Starting);
        progress.Done();
        return Report(report, parsed.GetValue(To)!, stderr);
    }

    private static int Report(SyncReport report, string catalogDir, TextWriter stderr)
    {
        stderr.WriteLine($"mirror: {report.Outcomes.Count} bundle(s) listed: {report.Added} added, {report.AlreadyPresent} already present, " +
            $"{report.Refused} refused ({report.BytesReceived:N0} bundle bytes downloaded)");
        foreach (var outcome in report.Outcomes.Where(o => o.Status == SyncStatus.Added))
            stderr.WriteLine($"  added {outcome.File} ({outcome.Plugin})");
        foreach (var outcome in report.Outcomes.Where(o => o.Status == SyncStatus.Refused))
            stderr.WriteLine($"  refused {outcome.Plugin}: {outcome.Reason}");
        foreach (var note in report.Notes)
            stderr.WriteLine($"  {note}");
        stderr.WriteLine(report.Kept > 0
            ? $"mirror: catalog {catalogDir} ready; {TransferManifest.FileName} written. Carry it across, then: mirror verify {catalogDir} && mirror build {catalogDir}"
            : $"mirror: nothing usable was synced into {catalogDir}");
        return report.ExitCode;
    }
}
