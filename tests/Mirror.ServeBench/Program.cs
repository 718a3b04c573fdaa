using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Mirror.Bench;
using Mirror.Core.Pipeline;

// `dotnet cake --target=BenchServe`: `mirror serve` against nginx serving the same static site (through the
// nginx/mirror.conf the build wrote), same machine, same run, with wrk: 10 s each on the listing query and the
// install query a Mattermost server sends (marketplace.md §1). Prints requests/s, p99 latency and errors.
const int Plugins = 130;
const string Duration = "10s";
const int Connections = 32;

if (Which("wrk") is null || Which("nginx", "/usr/sbin") is null)
{
    Console.Error.WriteLine("BenchServe needs wrk and nginx (Debian: apt-get install wrk nginx-light)");
    return 1;
}

// Readable by nginx's workers, which run as another user than the master.
var root = Directory.CreateTempSubdirectory("mirror-serve-bench-").FullName;
if (!OperatingSystem.IsWindows())
    File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
var processes = new List<Process>();
try
{
    var catalog = Path.Combine(root, "catalog");
    BenchCatalog.Create(catalog, Plugins, 16 * 1024);
    var servePort = FreePort();
    var nginxPort = FreePort();
    var site = Path.Combine(root, "site");
    SiteBuilder.Build(new BuildRequest(catalog, site) { BaseUrl = $"http://127.0.0.1:{servePort}/" });

    processes.Add(StartServe(site, servePort));
    processes.Add(StartNginx(root, site, nginxPort));
    WaitForPort(servePort);
    WaitForPort(nginxPort);

    const string Listing = "build_enterprise_ready=false&cloud=false&enterprise_plugins=false&filter=&local_only=false&page=0" +
        "&platform=linux-amd64&plugin_id=&remote_only=false&return_all_versions=false&server_version=10.5.0";
    var install = Listing.Replace("plugin_id=", "plugin_id=com.bench.p00042", StringComparison.Ordinal);
    var listingBytes = new FileInfo(Path.Combine(site, "api/v1/plugins.json")).Length;

    Console.WriteLine($"mirror serve vs nginx: {Plugins} plugins, wrk -t2 -c{Connections} -d{Duration}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    Console.WriteLine();
    Console.WriteLine("| query | server | requests/s | p99 latency | errors |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (name, query) in new[] { ($"listing ({listingBytes / 1024} KB)", Listing), ("install (one entry)", install) })
    {
        foreach (var (server, port) in new[] { ("mirror serve", servePort), ("nginx, static", nginxPort) })
        {
            Wrk($"http://127.0.0.1:{port}/api/v1/plugins?{query}", "2s");
            var result = Wrk($"http://127.0.0.1:{port}/api/v1/plugins?{query}", Duration);
            Console.WriteLine($"| {name} | {server} | {result.RequestsPerSecond:0} | {result.P99} | {result.Errors} |");
        }
    }

    return 0;
}
finally
{
    foreach (var process in processes)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    Directory.Delete(root, recursive: true);
}

static Process StartServe(string site, int port)
{
    var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "mirror.dll"), "serve", site, "--port", port.ToString(CultureInfo.InvariantCulture) })
        info.ArgumentList.Add(arg);
    var process = Process.Start(info)!;

    // The request log goes to stdout: drain it as a journal would, so it costs what it costs in production.
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static Process StartNginx(string root, string site, int port)
{
    var prefix = Directory.CreateDirectory(Path.Combine(root, "nginx")).FullName;
    File.WriteAllText(Path.Combine(prefix, "nginx.conf"), $$"""
        daemon off;
        master_process on;
        worker_processes auto;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/error.log warn;
        events { worker_connections 1024; }
        http {
            include /etc/nginx/mime.types;
            access_log {{prefix}}/access.log;
            client_body_temp_path {{prefix}}/body;
            proxy_temp_path {{prefix}}/proxy;
            fastcgi_temp_path {{prefix}}/fastcgi;
            uwsgi_temp_path {{prefix}}/uwsgi;
            scgi_temp_path {{prefix}}/scgi;
            server {
                listen 127.0.0.1:{{port}};
                root {{site}};
                include {{site}}/nginx/mirror.conf;
            }
        }
        """);
    var info = new ProcessStartInfo(Which("nginx", "/usr/sbin")!) { ArgumentList = { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf") } };
    return Process.Start(info)!;
}

// The first call of each pair warms up (JIT, caches) and is not reported.
static (double RequestsPerSecond, string P99, long Errors) Wrk(string url, string duration)
{
    var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true };
    foreach (var arg in new[] { "-t2", $"-c{Connections}", $"-d{duration}", "--latency", url })
        info.ArgumentList.Add(arg);
    using var process = Process.Start(info)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    double Number(string pattern) => Regex.Match(output, pattern) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    var socketErrors = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
    var errors = (long)Number(@"Non-2xx or 3xx responses: (\d+)") +
        (socketErrors.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(socketErrors.Groups[i].Value, CultureInfo.InvariantCulture)) : 0);
    return (Number(@"Requests/sec:\s+([\d.]+)"), Regex.Match(output, @"99%\s+(\S+)").Groups[1].Value, errors);
}

static int FreePort()
{
    using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static void WaitForPort(int port)
{
    var deadline = DateTime.UtcNow.AddSeconds(30);
    while (true)
    {
        try
        {
            using var client = new TcpClient("127.0.0.1", port);
            return;
        }
        catch (SocketException) when (DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }
    }
}

static string? Which(string program, string? extraFolder = null) =>
    (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append(extraFolder ?? "")
        .Where(folder => folder.Length > 0)
        .Select(folder => Path.Combine(folder, program))
        .FirstOrDefault(File.Exists);
