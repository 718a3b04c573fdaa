using System.Text;

namespace Mirror.Cli.Commands;

/// <summary>A plain aligned table for the terminal; the last column is not padded (it holds free text).</summary>
internal static class TextTable
{
    public static string Render(string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => all.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
            text.Append(string.Join("  ", row[..^1].Select((cell, i) => cell.PadRight(widths[i])))).Append("  ").Append(row[^1]).Append('\n');
        return text.ToString();
    }
}
