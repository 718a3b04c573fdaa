namespace Mirror.Core.Model.Queries;

/// <summary>Text as the official service's Go code handles it, where .NET differs.</summary>
internal static class GoText
{
    /// <summary>
    /// Go's <c>strings.ToLower</c>: Unicode's simple lower-case mapping of every character. .NET's invariant mapping is
    /// the same except that it leaves U+0130 (İ) alone, which Unicode maps to 'i' (U+0069).
    /// </summary>
    public static string ToLower(string text) => text.ToLowerInvariant().Replace('\u0130', 'i');
}
