using System.Diagnostics;

namespace Mirror.Tests.Support;

/// <summary>Debian's real nginx on 127.0.0.1, serving a site folder through the site's own generated nginx/mirror.conf.</summary>
internal sealed class NginxServer : LocalServer
{
    /// <param name="httpDirectives">More of nginx's http block, e.g. an <c>open_file_cache</c> as a busy site has.</param>
    public NginxServer(string siteDir, int port, string httpDirectives = "")
        : base(port)
    {
        Directory.CreateDirectory(Prefix["logs"]);
        File.WriteAllText(Prefix["nginx.conf"], $$"""
            daemon off;
            worker_processes 1;
            pid {{Prefix["nginx.pid"]}};
            error_log {{Prefix["logs/error.log"]}} warn;
            events { worker_connections 64; }
            http {
                include /etc/nginx/mime.types;
                access_log off;
                {{httpDirectives}}
                client_body_temp_path {{Prefix["body"]}};
                proxy_temp_path {{Prefix["proxy"]}};
                fastcgi_temp_path {{Prefix["fastcgi"]}};
                uwsgi_temp_path {{Prefix["uwsgi"]}};
                scgi_temp_path {{Prefix["scgi"]}};
                server {
                    listen 127.0.0.1:{{port}};
                    root {{siteDir}};
                    include {{Path.Combine(siteDir, "nginx", "mirror.conf")}};
                }
            }
            """);
        var check = Tool.Run(NginxPath, ["-t", "-p", Prefix.Path, "-c", Prefix["nginx.conf"]]);
        Assert.True(check.ExitCode == 0, "nginx -t refused the generated config: " + check.Stderr);
        Start(new ProcessStartInfo(NginxPath) { ArgumentList = { "-p", Prefix.Path, "-c", Prefix["nginx.conf"] }, UseShellExecute = false },
            Prefix["logs/error.log"]);
    }

    /// <summary>Asks the master to read its configuration again (the site's nginx/mirror.conf with it), as `nginx -s reload` does.</summary>
    public void Reload() => Tool.MustRun(NginxPath, ["-p", Prefix.Path, "-c", Prefix["nginx.conf"], "-s", "reload"]);

    /// <summary>A graceful shutdown: the master lets its workers finish, then all of them exit.</summary>
    protected override void RequestStop() => Tool.MustRun(NginxPath, ["-p", Prefix.Path, "-c", Prefix["nginx.conf"], "-s", "quit"]);

    public static string NginxPath => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
}
