using System.Diagnostics;

namespace Mirror.Tests.Support;

/// <summary>
/// Debian's real Apache httpd on 127.0.0.1, one process (<c>-X</c>), serving a site folder at a base path through the
/// site's own generated <c>.htaccess</c> (mod_rewrite, <c>AllowOverride FileInfo</c>).
/// </summary>
public sealed class ApacheServer : LocalServer
{
    private const string Modules = "/usr/lib/apache2/modules";

    public ApacheServer(string siteDir, int port, string basePath)
        : base(port)
    {
        File.WriteAllText(Prefix["httpd.conf"], $"""
            ServerRoot "{Prefix.Path}"
            ServerName 127.0.0.1
            Listen 127.0.0.1:{port}
            PidFile "{Prefix["httpd.pid"]}"
            ErrorLog "{Prefix["error.log"]}"
            DefaultRuntimeDir "{Prefix.Path}"
            Mutex file:{Prefix.Path} default
            LoadModule mpm_event_module {Modules}/mod_mpm_event.so
            LoadModule authz_core_module {Modules}/mod_authz_core.so
            LoadModule mime_module {Modules}/mod_mime.so
            LoadModule alias_module {Modules}/mod_alias.so
            LoadModule rewrite_module {Modules}/mod_rewrite.so
            TypesConfig /etc/mime.types
            DocumentRoot "{Prefix.Path}"
            Alias "{basePath}/" "{siteDir}/"
            <Directory "{siteDir}">
                AllowOverride FileInfo
                Require all granted
            </Directory>
            """);
        Start(new ProcessStartInfo(ApachePath) { ArgumentList = { "-X", "-f", Prefix["httpd.conf"] }, UseShellExecute = false }, Prefix["error.log"]);
    }

    /// <summary>Apache's own stop, which signals the process named in its PidFile.</summary>
    protected override void RequestStop() => Tool.MustRun(ApachePath, ["-f", Prefix["httpd.conf"], "-k", "stop"]);

    public static string ApachePath => File.Exists("/usr/sbin/apache2") ? "/usr/sbin/apache2" : "apache2";
}
