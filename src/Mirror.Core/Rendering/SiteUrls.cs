namespace Mirror.Core.Rendering;

public static class SiteUrls
{
    /// <summary>An absolute URL for a site-relative path, each segment percent-encoded (a semver's '+' included).</summary>
    public static string Absolute(Uri baseUrl, string sitePath) => baseUrl.AbsoluteUri + Escape(sitePath);

    public static string Escape(string sitePath) => string.Join('/', sitePath.Split('/').Select(Uri.EscapeDataString));
}
