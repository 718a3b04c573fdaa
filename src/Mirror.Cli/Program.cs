using System.CommandLine;
using System.CommandLine.Parsing;
using Mirror.Cli.Commands;
using Mirror.Core;

namespace Mirror.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return Run(args, Console.Out, Console.Error);
        }
        catch (Exception e)
        {
            // Only a bug gets here: say so in one line rather than dump a stack trace on an admin or a CI log.
            Console.Error.WriteLine($"mirror: internal error ({e.GetType().Name}: {e.Message}); please report it with the command that caused it");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The whole command line, with its output streams given, so tests run it in-process.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Plugin Mirror: turn a folder of signed Mattermost plugin bundles into an offline Plugin Marketplace.");
        root.Subcommands.Add(BuildCommand.Create(stderr));
        root.Subcommands.Add(VerifyCommand.Create(stdout, stderr));
        root.Subcommands.Add(SignCommand.Create(stdout, stderr));
        root.Subcommands.Add(KeysCommand.Create(stdout, stderr));
        root.Subcommands.Add(SyncCommand.Create(stderr));
        root.Subcommands.Add(ImportCommand.Create(stderr));
        root.Subcommands.Add(ServeCommand.Create(stdout, stderr));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                stderr.WriteLine($"mirror: {error.Message}");
            stderr.WriteLine("Run `mirror --help` for usage.");
            return ExitCodes.BadUsage;
        }

        if (EmptyValue(parsed.Tokens) is { } where)
        {
            stderr.WriteLine($"mirror: an empty value {where}: a file, folder or text must be given");
            stderr.WriteLine("Run `mirror --help` for usage.");
            return ExitCodes.BadUsage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
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
}
