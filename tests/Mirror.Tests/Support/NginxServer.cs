using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mirror.Tests.Support;

/// <summary>Debian's real nginx on 127.0.0.1, serving a site folder through the site's own generated nginx/mirror.conf.</summary>
public sealed class NginxServer : IDisposable
{
    private readonly TempDir prefix = new();
    private readonly Process process;

    public NginxServer(string siteDir, int port)
    {
        Port = port;
        Directory.CreateDirectory(prefix["logs"]);
        File.WriteAllText(prefix["nginx.conf"], $$"""
            daemon off;
            worker_processes 1;
            pid {{prefix["nginx.pid"]}};
            error_log {{prefix["logs/error.log"]}} warn;
            events { worker_connections 64; }
            http {
                include /etc/nginx/mime.types;
                access_log off;
                client_body_temp_path {{prefix["body"]}};
                proxy_temp_path {{prefix["proxy"]}};
                fastcgi_temp_path {{prefix["fastcgi"]}};
                uwsgi_temp_path {{prefix["uwsgi"]}};
                scgi_temp_path {{prefix["scgi"]}};
                server {
                    listen 127.0.0.1:{{port}};
                    root {{siteDir}};
                    include {{Path.Combine(siteDir, "nginx", "mirror.conf")}};
                }
            }
            """);
        var check = Tool.Run(NginxPath, ["-t", "-p", prefix.Path, "-c", prefix["nginx.conf"]]);
        Assert.True(check.ExitCode == 0, "nginx -t refused the generated config: " + check.Stderr);
        process = Process.Start(new ProcessStartInfo(NginxPath) { ArgumentList = { "-p", prefix.Path, "-c", prefix["nginx.conf"] }, UseShellExecute = false })!;
        WaitUntilListening();
    }

    public int Port { get; }

    public static string NginxPath => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening()
    {
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

        throw new InvalidOperationException("nginx did not start: " + File.ReadAllText(prefix["logs/error.log"]));
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
        prefix.Dispose();
    }
}
