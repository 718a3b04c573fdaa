using System.CommandLine;
using Mirror.Core;
using Mirror.Core.Init;
using Mirror.Core.Scanning;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror init [DIR]</c>: start a catalog of one's own.</summary>
internal static class InitCommand
{
    public static Command Create(Output output)
    {
        var folder = new Argument<string>("DIR")
        {
            Description = "The new catalog folder; it must not exist or be empty.",
            DefaultValueFactory = _ => Arguments.DefaultCatalog,
        };
        var command = new Command("init", "Start a catalog of your own: keys/, plugins/ and a commented mirror.json.") { folder };
        command.SetAction(parsed => Guarded.Run(output.Stderr, () =>
        {
            var given = parsed.GetValue(folder)!;
            var made = NewCatalog.Create(given).Select(DisplayName.Escape).ToList();
            var dir = DisplayName.Escape(given);
            var width = made.Max(p => p.Length) + 2;
            var stderr = output.Stderr;
            stderr.WriteLine($"mirror: started a catalog in {dir}");
            stderr.WriteLine($"  {(made[0] + "/").PadRight(width)}the public keys you trust: mirror keys add KEY.asc {dir}");
            stderr.WriteLine($"  {(made[1] + "/").PadRight(width)}signed bundles: X.tar.gz with X.tar.gz.sig beside it (mirror sign)");
            stderr.WriteLine($"  {made[2].PadRight(width)}the site's settings, commented");
            stderr.WriteLine($"  {made[3].PadRight(width)}what goes where");
            stderr.WriteLine("next: no signing key yet? mirror keys generate --name NAME --email EMAIL --output DIR");
            stderr.WriteLine($"then: mirror build {dir} --output site");
            return ExitCodes.Success;
        }));
        return command;
    }
}
