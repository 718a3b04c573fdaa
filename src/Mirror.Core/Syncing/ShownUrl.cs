using Mirror.Core.Scanning;

namespace Mirror.Core.Syncing;

/// <summary>
/// A URL as it is printed: without its user info (a proxy's password must not reach a terminal or a log) and with
/// control characters escaped (an upstream's URL could otherwise forge a line of output or a terminal escape).
/// </summary>
internal static class ShownUrl
{
    public static string Of(Uri uri) => Of(uri.AbsoluteUri);

    /// <summary>Also for text that is not a URL at all (a mistyped flag, an upstream's field): <c>user:pass@host</c> loses the part before <c>@</c>.</summary>
    public static string Of(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        var at = url[start..(end < 0 ? url.Length : end)].LastIndexOf('@');
        return DisplayName.Escape(at < 0 ? url : url[..start] + url[(start + at + 1)..]);
    }

    /// <summary>A proxy: scheme, host and port.</summary>
    public static string Proxy(Uri proxy) => Of(proxy.GetLeftPart(UriPartial.Authority));
}
