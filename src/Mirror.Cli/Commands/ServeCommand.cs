using System.CommandLine;
using Mirror.Core.Serving;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror serve [SITE] [--host ADDRESS] [--port PORT]</c></summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var site = new Argument<string>("SITE")
        {
            Description = "The site folder `mirror build` wrote.",
            DefaultValueFactory = _ => ServeOptions.DefaultSite,
        };
        var host = new Option<string>("--host")
        {
            Description = "The address to listen on (0.0.0.0 for every interface).",
            DefaultValueFactory = _ => ServeOptions.DefaultHost,
            HelpName = "ADDRESS",
        };
        var port = new Option<int>("--port", "-p")
        {
            Description = "The TCP port to listen on.",
            DefaultValueFactory = _ => ServeOptions.DefaultPort,
            HelpName = "PORT",
        };

        var command = new Command("serve", "Serve a built site with the full Marketplace API, live; follows new builds of the same folder.")
        {
            site, host, port,
        };
        command.SetAction(parsed => Guarded.Run(stderr, () =>
        {
            var options = new ServeOptions(parsed.GetValue(site)!, ServeOptions.ParseHost(parsed.GetValue(host)!), ServeOptions.CheckPort(parsed.GetValue(port)));
            return MirrorServer.RunAsync(options, stdout, stderr).GetAwaiter().GetResult();
        }));
        return command;
    }
}
