namespace Mirror.Core.Settings;

/// <summary>
/// The base URL's path as the web servers match it, for the generated nginx and Apache configs: percent-decoded,
/// without its trailing slash. Only characters both configs can carry literally are allowed (letters and digits of
/// any script, '-', '.', '_', '~'): a space, ';', '$', quotes or braces would end a token, start a variable or need
/// escaping rules that differ between nginx locations, nginx regexes and Apache's RewriteBase, and gave configs that
/// answered 404 or did not load. Others are refused by name, before anything is built.
/// </summary>
internal static class ServedPath
{
    /// <summary>The decoded path ("" at the server root), e.g. "/café" for <c>https://host/caf%C3%A9/</c>.</summary>
    public static string Of(Uri baseUrl) => Uri.UnescapeDataString(baseUrl.AbsolutePath).TrimEnd('/');

    /// <exception cref="MirrorException">A character (or an empty, "." or ".." segment) the configs cannot express.</exception>
    public static void Validate(Uri baseUrl, string where)
    {
        // Every '/' of two in a row ends an empty segment, at either end too ("http://host//" is no root).
        if (baseUrl.AbsolutePath.Contains("//", StringComparison.Ordinal))
            throw Refused(where, baseUrl, $"an empty, \".\" or \"..\" path segment");
        var segments = baseUrl.AbsolutePath.Trim('/');
        if (segments.Length == 0)
            return;
        foreach (var segment in segments.Split('/').Select(Uri.UnescapeDataString))
        {
            if (segment is "" or "." or "..")
                throw Refused(where, baseUrl, $"an empty, \".\" or \"..\" path segment");
            var bad = segment.AsSpan().IndexOfAnyExcept(AllowedAscii);
            while (bad >= 0 && segment[bad] > 0x7F && AllowedBeyondAscii(segment[bad]))
                bad = segment.AsSpan(bad + 1).IndexOfAnyExcept(AllowedAscii) is var next and >= 0 ? bad + 1 + next : -1;
            if (bad >= 0)
                throw Refused(where, baseUrl, $"{Describe(segment[bad])} in its path");
        }
    }

    private static readonly System.Buffers.SearchValues<char> AllowedAscii =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~");

    /// <summary>Letters, digits and combining marks of any script (UTF-8 in both configs).</summary>
    private static bool AllowedBeyondAscii(char c) =>
        char.IsLetterOrDigit(c) || char.IsSurrogate(c) ||
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        '/' => "an encoded '/' (%2F)",
        _ when char.IsControl(c) || c > 0x7F => $"the character U+{(int)c:X4}",
        _ => $"the character '{c}'",
    };

    private static MirrorException Refused(string where, Uri baseUrl, string what) =>
        new($"{where}: \"{baseUrl.OriginalString}\" has {what}, which the generated nginx and Apache configs cannot express; " +
            "use letters, digits, '-', '.', '_' and '~' in the base URL's path");
}
