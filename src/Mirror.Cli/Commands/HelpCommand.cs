using System.CommandLine;
using Mirror.Core;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror help [COMMAND...]</c>: the same as <c>mirror COMMAND... --help</c>, or the usage alone.</summary>
internal static class HelpCommand
{
    public static Command Create(Command root, Output output)
    {
        var words = new Argument<string[]>("COMMAND")
        {
            Description = "The command to explain, e.g. build or keys add [default: list the commands].",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("help", "Show the usage, or a command's arguments and options.") { words };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(words) ?? [];
            if (Mistakes.FindCommand(root, path) is { } mistake)
            {
                output.Stderr.WriteLine($"mirror: {mistake.Message}");
                output.Stderr.WriteLine("Run `mirror help` for usage.");
                return ExitCodes.BadUsage;
            }

            return root.Parse([.. path, "--help"]).Invoke(parsed.InvocationConfiguration);
        });
        return command;
    }
}
