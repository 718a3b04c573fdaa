using System.CommandLine;
using Mirror.Core.Syncing;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror import PLUGINS_JSON --to CATALOG [--bundles DIR] [--keys PATH]... [--plugin ID]... [--platform P]...</c></summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter stderr)
    {
        var pluginsJson = new Argument<string>("PLUGINS_JSON")
        {
            Description = "A marketplace plugins.json (the official format); every version it lists is imported.",
        };
        var bundles = new Option<string?>("--bundles")
        {
            HelpName = "DIR",
            Description = "A folder of release assets downloaded beforehand, matched by the download URL's file name: nothing is downloaded.",
        };
        var shared = new SyncOptions();
        var command = new Command("import", "Bring the bundles a plugins.json lists, verified, into a catalog folder.") { pluginsJson, bundles };
        shared.AddTo(command);
        command.SetAction(parsed => Guarded.Run(stderr, () => shared.Run(parsed, stderr, (downloader, starting) => PluginsJsonImport.Run(new ImportRequest(
            parsed.GetValue(pluginsJson)!,
            parsed.GetValue(shared.To)!,
            parsed.GetValue(bundles),
            parsed.GetValue(shared.Platforms) ?? [],
            parsed.GetValue(shared.Plugins) ?? [],
            parsed.GetValue(shared.Keys) ?? []), downloader, starting))));
        return command;
    }
}
