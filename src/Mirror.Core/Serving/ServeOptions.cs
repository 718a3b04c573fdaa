using System.Net;

namespace Mirror.Core.Serving;

/// <summary>What <c>mirror serve</c> was asked to do.</summary>
public sealed record ServeOptions(string SiteDir, IPAddress Address, int Port)
{
    public const string DefaultSite = "./site";
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 8080;

    /// <summary>The listening URL, as an admin would type it.</summary>
    public string Listening => $"http://{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address)}:{Port}/";

    /// <exception cref="MirrorException">The host is not an address (exit 2).</exception>
    public static IPAddress ParseHost(string host)
    {
        if (host == "localhost")
            return IPAddress.Loopback;
        return IPAddress.TryParse(host, out var address)
            ? address
            : throw new MirrorException($"--host \"{host}\" is not an IP address (such as 127.0.0.1, 0.0.0.0 or ::1) or localhost");
    }

    /// <exception cref="MirrorException">Not a TCP port (exit 2).</exception>
    public static int CheckPort(int port) => port is >= 1 and <= 65535
        ? port
        : throw new MirrorException($"--port {port} is not a TCP port (1-65535)");
}
