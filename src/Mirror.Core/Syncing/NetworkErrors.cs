using Mirror.Core.Scanning;

namespace Mirror.Core.Syncing;

/// <summary>Tells passing network trouble (worth a retry) from trouble to report at once, in one line that says what to check.</summary>
internal static class NetworkErrors
{
    /// <remarks>A connect timeout is an <see cref="OperationCanceledException"/> too (the downloader's own silence timer is a <see cref="TransientFailure"/>).</remarks>
    public static bool IsNetwork(Exception e) => e is HttpRequestException or IOException or OperationCanceledException or TransientFailure;

    public static bool IsTransient(Exception e) => e switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } => false,
        TransientFailure or HttpRequestException or IOException or OperationCanceledException => true,
        _ => false,
    };

    /// <param name="uri">The URL asked when it failed (a redirect's target, not where the download began).</param>
    /// <param name="proxy">The proxy that request went through, or null.</param>
    public static string Describe(Exception e, Uri uri, Uri? proxy)
    {
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var shownProxy = proxy is null ? "" : ShownUrl.Proxy(proxy);
        var via = proxy is null ? "" : $" through the proxy {shownProxy}";
        return e switch
        {
            TransientFailure => e.Message,
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
                $"cannot resolve {uri.Host} (DNS){via}: check the name, the DNS settings, or set a proxy (HTTPS_PROXY or --proxy)",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
                $"TLS with {host} failed{via} ({Inner(e)}): check the clock and the trusted CAs (a TLS-inspecting proxy's CA must be installed)",
            HttpRequestException { HttpRequestError: HttpRequestError.ProxyTunnelError } =>
                $"the proxy {shownProxy} refused the connection to {host} ({Inner(e)}): check HTTPS_PROXY, NO_PROXY or --proxy",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } when proxy is not null =>
                $"cannot connect to the proxy {shownProxy} ({Inner(e)}): check HTTPS_PROXY or --proxy",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => $"cannot connect to {host} ({Inner(e)})",
            _ => $"{host}{via}: {Inner(e)}",
        };
    }

    /// <summary>The innermost message, which names the actual cause (refused, reset, certificate…), on one line; it may quote what the server sent, so it is escaped.</summary>
    private static string Inner(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            message = inner.Message;
        return DisplayName.Escape(message.ReplaceLineEndings(" ").Trim().TrimEnd('.'));
    }
}
