using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mirror.Tests.Support;

/// <summary>
/// A real web server process on 127.0.0.1 with its configuration and logs in a temp folder. Disposing stops it the
/// server's own graceful way and waits until every process of it (workers too) has ended; one that will not end is
/// killed and the test fails, so a run never leaves servers behind.
/// </summary>
internal abstract class LocalServer(int port) : IDisposable
{
    /// <summary>How long a server may take to end once asked to stop.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private static readonly ConcurrentQueue<ServerProcesses> StoppedThisRun = new();

    private Process? process;

    protected TempDir Prefix { get; } = new();

    public int Port { get; } = port;

    /// <summary>This server's processes as they were when it was asked to stop (null until then).</summary>
    public ServerProcesses? StoppedProcesses { get; private set; }

    /// <summary>
    /// Every server this test run has asked to stop, with the processes it had: each must end within
    /// <see cref="StopTimeout"/>. A test running in parallel may be stopping one right now.
    /// </summary>
    public static IReadOnlyCollection<ServerProcesses> Stopped => StoppedThisRun;

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

    /// <summary>Asks the server to stop as its administrators would (<c>nginx -s quit</c>, Apache's <c>-k stop</c>).</summary>
    protected abstract void RequestStop();

    public void Dispose()
    {
        try
        {
            if (process is { HasExited: false })
                Stop(process);
        }
        finally
        {
            process?.Dispose();
            Prefix.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    private void Stop(Process server)
    {
        var processes = ServerProcesses.Of(GetType().Name, server.Id);
        StoppedProcesses = processes;
        StoppedThisRun.Enqueue(processes);
        RequestStop();
        var ended = server.WaitForExit(StopTimeout) && processes.WaitUntilGone(StopTimeout);
        if (ended)
        {
            server.WaitForExit();
            return;
        }

        var left = processes.Alive();
        foreach (var pid in left)
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // Ended in the meantime.
            }
        }

        throw new InvalidOperationException($"{processes.Server} did not stop within {StopTimeout.TotalSeconds:0} s; killed processes {string.Join(", ", left)}");
    }
}
