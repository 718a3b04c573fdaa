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
    public static string Of(string name)
    {
        if (!name.Any(NeedsEscape))
            return name;
        var text = new StringBuilder(name.Length + 16);
        foreach (var c in name)
        {
            if (c == '\\')
                text.Append(@"\\");
            else if (NeedsEscape(c))
                text.Append(c < 0x100 ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
            else
                text.Append(c);
        }

        return text.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c == '\\' || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || c is '\u2028' or '\u2029';
}
