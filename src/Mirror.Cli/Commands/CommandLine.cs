using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Mirror.Core;

namespace Mirror.Cli.Commands;

/// <summary>
/// Runs the registered commands: mistyped words are caught first (with a suggestion), then the parser's own errors,
/// each as one line and exit 2; help is ours for <c>mirror</c> alone and the parser's for a command.
/// </summary>
internal static class CommandLine
{
    /// <summary>
    /// The top command, named <c>mirror</c> whatever the executable is called (a test host, <c>mirror.exe</c>), so the
    /// help reads the same everywhere.
    /// </summary>
    public static Command Root(string description) => new("mirror", description) { new HelpOption(), new VersionOption() };

    public static bool IsTop(Command command) => !command.Parents.Any();

    public static int Run(Command root, string[] args, Output output)
    {
        root.Options.OfType<HelpOption>().Single().Action = new HelpOptionAction(output);
        root.Subcommands.Add(HelpCommand.Create(root, output));
        root.SetAction(parsed => ShowHelp(parsed, output));

        if (Mistakes.Find(root, args) is { } mistake)
            return BadUsage(output, mistake.Message, mistake.Command);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpOptionAction)
            return BadUsage(output, string.Join("\nmirror: ", parsed.Errors.Select(e => e.Message)), parsed.CommandResult.Command);
        if (EmptyValue(parsed.Tokens) is { } where)
            return BadUsage(output, $"an empty value {where}: a file, folder or text must be given", parsed.CommandResult.Command);
        return parsed.Invoke(new InvocationConfiguration { Output = output.Stdout, Error = output.Stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>An empty word ("") is never a usable path or value; names the option it was given to.</summary>
    private static string? EmptyValue(IReadOnlyList<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Value.Length > 0)
                continue;
            return i > 0 && tokens[i - 1].Type == TokenType.Option ? $"for {tokens[i - 1].Value}" : "(\"\") as an argument";
        }

        return null;
    }

    private static int BadUsage(Output output, string message, Command command)
    {
        output.Stderr.WriteLine($"mirror: {message}");
        output.Stderr.WriteLine($"Run `{Usage.HelpCommandFor(command)}` for usage.");
        return ExitCodes.BadUsage;
    }

    /// <summary>The short usage for <c>mirror</c> alone, the parser's full help for a command.</summary>
    public static int ShowHelp(ParseResult parsed, Output output)
    {
        if (parsed.CommandResult.Command is var root && IsTop(root))
        {
            output.Stdout.Write(Usage.Text(root));
            return ExitCodes.Success;
        }

        return new HelpAction { MaxWidth = output.HelpWidth }.Invoke(parsed);
    }

    /// <summary>Replaces the parser's help action (--help, -h, -?) with <see cref="ShowHelp"/>.</summary>
    private sealed class HelpOptionAction(Output output) : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult) => ShowHelp(parseResult, output);
    }
}
