using System.Net;

namespace Mirror.Core.Syncing;

/// <summary>
/// Which redirects a download follows: to http(s) only (.NET would send an HTTP request to an <c>ftp://</c> URL's
/// host), never from https down to http (the listing's fields reach mirror.json, so its path stays as private as
/// it began), and at most <see cref="Max"/> in a row.
/// </summary>
internal static class Redirects
{
    public const int Max = 10;

    public static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <param name="from">The URL that answered the redirect.</param>
    /// <param name="location">Its <c>Location</c>, as .NET parsed it (null when missing or not a URL).</param>
    /// <param name="followed">Redirects followed before this one.</param>
    /// <returns>The URL to ask next.</returns>
    /// <exception cref="DownloadFailedException">The redirect is not followed; the message names both URLs and why.</exception>
    public static Uri Next(Uri from, Uri? location, int followed)
    {
        if (followed >= Max)
            throw new DownloadFailedException($"{ShownUrl.Of(from)} redirects once more after {Max} redirects; not followed");
        if (location is null || !Uri.TryCreate(from, location, out var next))
            throw new DownloadFailedException($"{ShownUrl.Of(from)} answers a redirect without a usable Location URL");
        if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
            throw new DownloadFailedException($"{ShownUrl.Of(from)} redirects to {ShownUrl.Of(next)}, not an http(s) URL; not followed");
        if (from.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
            throw new DownloadFailedException($"{ShownUrl.Of(from)} redirects from https down to http ({ShownUrl.Of(next)}); not followed");
        return next;
    }
}
