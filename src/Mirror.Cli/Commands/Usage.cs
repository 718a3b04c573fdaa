using System.CommandLine;
using System.Text;

namespace Mirror.Cli.Commands;

/// <summary>What <c>mirror</c> alone prints: every registered command on one line, and how to start.</summary>
internal static class Usage
{
    public static string Text(Command root)
    {
        var commands = root.Subcommands.Where(c => !c.Hidden).ToList();
        var width = commands.Max(c => c.Name.Length);
        var text = new StringBuilder();
        text.Append(root.Description).Append("\n\n");
        text.Append("Usage: mirror COMMAND [ARGUMENTS] [OPTIONS]\n\n");
        text.Append("Commands:\n");
        foreach (var command in commands)
            text.Append("  ").Append(command.Name.PadRight(width)).Append("  ").Append(FirstSentence(command.Description)).Append('\n');
        text.Append("\nStart here:\n");
        text.Append("  mirror init my-catalog                  a catalog of your own: keys/, plugins/, mirror.json\n");
        text.Append("  mirror build my-catalog --output site   check its signed bundles and write the Marketplace site\n");
        text.Append("\n`mirror help COMMAND` (or `mirror COMMAND --help`) shows a command's arguments and options.\n");
        return text.ToString();
    }

    /// <summary>The command that shows the help of <paramref name="command"/>, e.g. <c>mirror help keys add</c>.</summary>
    public static string HelpCommandFor(Command command)
    {
        var path = new List<string>();
        for (var c = command; !CommandLine.IsTop(c); c = c.Parents.OfType<Command>().First())
            path.Insert(0, c.Name);
        return string.Join(' ', ["mirror", "help", .. path]);
    }

    /// <summary>A description's first sentence, so that each command fits one line of the listing.</summary>
    private static string FirstSentence(string? description)
    {
        var text = description ?? "";
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }
}
