using System.Net;

namespace Mirror.Core.Syncing;

/// <summary>
/// The proxy for the downloads: <c>--proxy URL</c> when given, else the environment (<c>HTTPS_PROXY</c>,
/// <c>HTTP_PROXY</c>, <c>ALL_PROXY</c>, as .NET reads them); <c>NO_PROXY</c> applies to both.
/// </summary>
internal static class ProxyChoice
{
    /// <exception cref="MirrorException">The flag is not an http(s) URL.</exception>
    public static IWebProxy For(string? proxyFlag)
    {
        if (proxyFlag is null)
            return HttpClient.DefaultProxy;
        if (!Uri.TryCreate(proxyFlag, UriKind.Absolute, out var proxy) || (proxy.Scheme != Uri.UriSchemeHttp && proxy.Scheme != Uri.UriSchemeHttps))
            throw new MirrorException($"--proxy \"{ShownUrl.Of(proxyFlag)}\" is not a proxy URL such as http://proxy.corp:3128");
        return new FlagProxy(proxy, Environment.GetEnvironmentVariable("NO_PROXY") ?? Environment.GetEnvironmentVariable("no_proxy") ?? "")
        {
            Credentials = Credentials(proxy),
        };
    }

    /// <summary>
    /// The user and password of <c>http://user:password@proxy:3128</c>, percent-decoded: .NET reads them from the
    /// environment's proxy variables itself, but never from a proxy object's URL, so the flag's were never sent.
    /// </summary>
    private static NetworkCredential? Credentials(Uri proxy)
    {
        if (proxy.UserInfo.Length == 0)
            return null;
        var colon = proxy.UserInfo.IndexOf(':');
        return colon < 0
            ? new NetworkCredential(Uri.UnescapeDataString(proxy.UserInfo), "")
            : new NetworkCredential(Uri.UnescapeDataString(proxy.UserInfo[..colon]), Uri.UnescapeDataString(proxy.UserInfo[(colon + 1)..]));
    }

    /// <summary>The proxy a request to <paramref name="uri"/> goes through, or null when it goes direct.</summary>
    public static Uri? ProxyFor(IWebProxy proxy, Uri uri) => proxy.IsBypassed(uri) ? null : proxy.GetProxy(uri);

    private sealed class FlagProxy(Uri proxy, string noProxy) : IWebProxy
    {
        private readonly string[] bypass = noProxy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public ICredentials? Credentials { get; set; }

        public Uri GetProxy(Uri destination) => proxy;

        /// <summary>NO_PROXY as curl reads it: <c>*</c>, a host, or a domain (with or without a leading dot) and its subdomains.</summary>
        public bool IsBypassed(Uri host) => bypass.Any(entry => entry == "*" || Matches(host.Host, entry.TrimStart('.')));

        private static bool Matches(string host, string domain) =>
            host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
    }
}
