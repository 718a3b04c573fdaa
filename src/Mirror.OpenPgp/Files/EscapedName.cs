using System.Globalization;
using System.Text;

namespace Mirror.OpenPgp.Files;

/// <summary>
/// A file name as it is printed and reported: control characters (a newline could forge a line of output), and the
/// invisible characters that reorder text, are shown as <c>\xNN</c> or <c>\uNNNN</c>; a backslash is doubled so
/// that the escapes are unambiguous. Here for the key files' warnings; the catalog's names go through the same
/// (<c>DisplayName</c>).
/// </summary>
internal static class EscapedName
{
    public static string Of(string name) => Escape(name, backslashes: true);

    /// <summary>
    /// A line of text that quotes escaped names (a bundle's reason names its file) beside raw values from the bundle:
    /// control and invisible characters escaped as in a name, backslashes left as they are, since doubling them would
    /// garble the names it quotes.
    /// </summary>
    public static string InText(string text) => Escape(text, backslashes: false);

    private static string Escape(string value, bool backslashes)
    {
        if (!value.Any(c => NeedsEscape(c, backslashes)))
            return value;
        var text = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (!NeedsEscape(c, backslashes))
                text.Append(c);
            else if (c == '\\')
                text.Append(@"\\");
            else
                text.Append(c < 0x100 ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
        }

        return text.ToString();
    }

    private static bool NeedsEscape(char c, bool backslashes) =>
        (backslashes && c == '\\') || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || c is '\u2028' or '\u2029';
}
