using Mirror.OpenPgp.Files;

namespace Mirror.Core.Scanning;

/// <summary>
/// A file name as it is printed and reported: control characters (a newline could forge a line of output), and the
/// invisible characters that reorder text, are shown as <c>\xNN</c> or <c>\uNNNN</c>; a backslash is doubled so
/// that the escapes are unambiguous.
/// </summary>
internal static class DisplayName
{
    /// <summary>What .NET puts in a name for bytes that are not UTF-8: such a name cannot be opened by it again.</summary>
    public const char NotUtf8 = '\uFFFD';

    public static string Escape(string name) => EscapedName.Of(name);

    /// <summary>A reason or warning as a terminal shows it: values from a bundle's manifest and archive cannot forge a line or move the cursor.</summary>
    public static string EscapeText(string text) => EscapedName.InText(text);
}
