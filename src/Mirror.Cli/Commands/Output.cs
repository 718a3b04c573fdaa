namespace Mirror.Cli.Commands;

/// <summary>Where a command writes: results on stdout, the human summary and errors on stderr.</summary>
/// <param name="Terminal">stdout is a terminal: tables and help may be laid out for a person rather than a script.</param>
internal sealed record Output(TextWriter Stdout, TextWriter Stderr, bool Terminal)
{
    /// <summary>Help text wraps at the terminal's width; piped, it is never wrapped, so it reads the same everywhere.</summary>
    public int HelpWidth => Terminal && Console.WindowWidth > 40 ? Console.WindowWidth : int.MaxValue;
}
