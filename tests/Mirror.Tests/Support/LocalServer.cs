using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mirror.Tests.Support;

/// <summary>A real web server process on 127.0.0.1 with its configuration and logs in a temp folder.</summary>
public abstract class LocalServer(int port) : IDisposable
{
    private Process? process;

    protected TempDir Prefix { get; } = new();

    public int Port { get; } = port;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected void Start(ProcessStartInfo info, string errorLog)
    {
        process = Process.Start(info)!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"{info.FileName} did not start: " + (File.Exists(errorLog) ? File.ReadAllText(errorLog) : "no log"));
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }

        process?.Dispose();
        Prefix.Dispose();
        GC.SuppressFinalize(this);
    }
}
