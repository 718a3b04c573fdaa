using System.Net.Http;

namespace Mirror.Core.Syncing;

/// <summary>Tells passing network trouble (worth a retry) from trouble to report at once, in one line that says what to check.</summary>
internal static class NetworkErrors
{
    public static bool IsNetwork(Exception e) =>
        e is HttpRequestException or IOException or OperationCanceledException or TransientFailure;

    public static bool IsTransient(Exception e, out string reason)
    {
        reason = e switch
        {
            TransientFailure => e.Message,
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } => "",
            HttpRequestException or IOException => Inner(e),
            OperationCanceledException => "no data for 60 s",
            _ => "",
        };
        return reason.Length > 0;
    }

    public static string Describe(Exception e, Uri uri, Uri? proxy, string transientReason)
    {
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var via = proxy is null ? "" : $" through the proxy {proxy.GetLeftPart(UriPartial.Authority)}";
        return e switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
                $"cannot resolve {uri.Host} (DNS){via}: check the name, the DNS settings, or set a proxy (HTTPS_PROXY or --proxy)",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
                $"TLS with {host} failed{via} ({Inner(e)}): check the clock and the trusted CAs (a TLS-inspecting proxy's CA must be installed)",
            HttpRequestException { HttpRequestError: HttpRequestError.ProxyTunnelError } =>
                $"the proxy {proxy?.GetLeftPart(UriPartial.Authority) ?? ""} refused the connection to {host} ({Inner(e)}): check HTTPS_PROXY, NO_PROXY or --proxy",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } when proxy is not null =>
                $"cannot connect to the proxy {proxy.GetLeftPart(UriPartial.Authority)} ({Inner(e)}): check HTTPS_PROXY or --proxy",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => $"cannot connect to {host} ({Inner(e)})",
            _ => transientReason.Length > 0 ? $"{host}: {transientReason}" : $"{host}{via}: {Inner(e)}",
        };
    }

    /// <summary>The innermost message, which names the actual cause (refused, reset, certificate…), on one line.</summary>
    private static string Inner(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            message = inner.Message;
        return message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
    }
}
