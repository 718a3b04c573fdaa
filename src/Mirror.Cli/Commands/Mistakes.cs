using System.CommandLine;

namespace Mirror.Cli.Commands;

/// <summary>
/// Finds the first mistyped command or flag before the parser runs, so that it is the one thing reported, with the
/// nearest known word ("did you mean"): the parser would first complain about what follows it.
/// </summary>
internal static class Mistakes
{
    public sealed record Mistake(string Message, Command Command);

    public static Mistake? Find(Command root, IReadOnlyList<string> args)
    {
        Command command = root;
        var sawArgument = false;
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if (word == "--")
                return null; // everything after it is an argument, as the parser reads it
            if (word.Length > 1 && word[0] == '-')
            {
                var option = FindOption(command, word);
                if (option is null)
                    return new Mistake($"unknown option '{word}'{Suggestion(word, OptionNames(command))}", command);
                if (TakesValue(option) && !word.Contains('=') && !word.Contains(':'))
                    i++; // its value may start with '-' too
                continue;
            }

            if (command.Subcommands.Count > 0 && !sawArgument)
            {
                if (Subcommand(command, word) is { } sub)
                {
                    command = sub;
                    continue;
                }

                if (command.Arguments.Count == 0)
                    return UnknownCommand(command, word);
            }

            sawArgument = true;
        }

        return null;
    }

    /// <summary>For <c>mirror help WORDS</c>: the first word that is not a command there.</summary>
    public static Mistake? FindCommand(Command root, IReadOnlyList<string> path)
    {
        Command command = root;
        foreach (var word in path)
        {
            if (Subcommand(command, word) is not { } sub)
                return UnknownCommand(command, word);
            command = sub;
        }

        return null;
    }

    private static Mistake UnknownCommand(Command command, string word)
    {
        var where = CommandLine.IsTop(command) ? "command" : $"{command.Name} command";
        return new Mistake($"unknown {where} '{word}'{Suggestion(word, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}", command);
    }

    private static Command? Subcommand(Command command, string word) =>
        command.Subcommands.FirstOrDefault(c => c.Name == word || c.Aliases.Contains(word));

    private static Option? FindOption(Command command, string word)
    {
        var options = OptionsIn(command).ToList();
        return options.FirstOrDefault(o => Names(o).Contains(word))
            ?? (word.IndexOfAny(['=', ':']) is var at and > 0
                ? options.FirstOrDefault(o => TakesValue(o) && Names(o).Contains(word[..at]))
                : null);
    }

    /// <summary>The command's options and the recursive ones of its ancestors (such as --help).</summary>
    private static IEnumerable<Option> OptionsIn(Command command) =>
        command.Options.Concat(Ancestors(command).SelectMany(p => p.Options.Where(o => o.Recursive)));

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
            yield return parent;
    }

    private static IEnumerable<string> OptionNames(Command command) => OptionsIn(command).Where(o => !o.Hidden).SelectMany(Names);

    private static IEnumerable<string> Names(Option option) => option.Aliases.Prepend(option.Name);

    private static bool TakesValue(Option option) => option.Arity.MinimumNumberOfValues > 0;

    private static string Suggestion(string word, IEnumerable<string> known) =>
        known.Select(k => (Known: k, Distance: Distance(word, k)))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(2, c.Known.Length / 3)) || (word.Length >= 3 && c.Known.StartsWith(word, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Known, StringComparer.Ordinal)
            .Select(c => $"; did you mean '{c.Known}'?")
            .FirstOrDefault() ?? "";

    /// <summary>Edits between two words, a swap of neighbours counting as one (the commonest typo: biuld).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
