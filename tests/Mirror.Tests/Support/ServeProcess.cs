using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Mirror.Tests.Support;

/// <summary>
/// The real <c>mirror serve SITE</c> in its own process on a free loopback port: started, waited for (<c>/healthz</c>),
/// its stdout (the request log) and stderr collected, and stopped as systemd stops it (SIGTERM).
/// </summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    public ServeProcess(string siteDir, int? port = null, params string[] extraArgs)
    {
        Port = port ?? LocalServer.FreePort();
        process = MirrorProcess.Start(["serve", siteDir, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extraArgs]);
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Stdout => Read(stdout);

    public string Stderr => Read(stderr);

    /// <summary>Sends SIGTERM and waits for a graceful exit; returns the exit code.</summary>
    public int Stop()
    {
        if (!process.HasExited)
        {
            Tool.MustRun("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
                throw new InvalidOperationException("mirror serve did not stop within 20 s of SIGTERM");
            }
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>A request as a byte-exact HTTP/1.1 line, for the paths HttpClient would normalize (<c>..</c>, encoded dots).</summary>
    public (int Status, string Body) Raw(string target)
    {
        using var client = new TcpClient("127.0.0.1", Port);
        using var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = reader.ReadToEnd();
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = response.Contains("\r\n\r\n", StringComparison.Ordinal) ? response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..] : "";
        return (status, body);
    }

    public void Dispose()
    {
        try
        {
            Stop();
        }
        finally
        {
            Http.Dispose();
            process.Dispose();
        }
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"mirror serve exited with {process.ExitCode}: {Stderr}");
            try
            {
                // Listening comes first, then the start-up lines, the last of which says how to stop it.
                using var response = Http.GetAsync($"{Url}healthz").GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode && Stderr.Contains("SIGTERM stops", StringComparison.Ordinal))
                    return;
            }
            catch (HttpRequestException)
            {
            }

            Thread.Sleep(100);
        }

        process.Kill();
        throw new InvalidOperationException("mirror serve did not answer /healthz within 30 s: " + Stderr);
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
            return;
        lock (buffer)
            buffer.Append(line).Append('\n');
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
            return buffer.ToString();
    }
}
