using System.CommandLine;
using Mirror.Core.Syncing;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror sync --from URL --to CATALOG [--server-version V]... [--platform P]... [--all-versions] [--plugin ID]... [--keys PATH]</c></summary>
internal static class SyncCommand
{
    public static Command Create(TextWriter stderr)
    {
        var from = new Option<string>("--from")
        {
            HelpName = "URL",
            Description = "The Marketplace URL to mirror: https://api.integrations.mattermost.com, or a site built by mirror build (served by a web server or mirror serve).",
            Required = true,
        };
        var serverVersions = new Option<string[]>("--server-version")
        {
            HelpName = "VERSION",
            Description = "Ask as a Mattermost server of this version, e.g. 10.5.0 (repeatable) [default: no version: the newest of every plugin].",
        };
        var allVersions = new Option<bool>("--all-versions") { Description = "Every version of each plugin, not only the newest." };
        var shared = new SyncOptions();
        var command = new Command("sync", "Download a Marketplace's plugins, verified, into a catalog folder to carry across the air gap.")
        {
            from, serverVersions, allVersions,
        };
        shared.AddTo(command);
        command.SetAction(parsed => Guarded.Run(stderr, () => shared.Run(parsed, stderr, (downloader, starting) => MarketplaceSync.Run(new SyncRequest(
            parsed.GetValue(from)!,
            parsed.GetValue(shared.To)!,
            parsed.GetValue(serverVersions) ?? [],
            parsed.GetValue(shared.Platforms) ?? [],
            parsed.GetValue(allVersions),
            parsed.GetValue(shared.Plugins) ?? [],
            parsed.GetValue(shared.Keys) ?? []), downloader, starting))));
        return command;
    }
}
