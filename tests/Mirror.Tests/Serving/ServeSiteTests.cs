using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Tests.Support;

namespace Mirror.Tests.Serving;

/// <summary>
/// <c>mirror serve</c> as a web server for the sample catalog's site: files with their content types, folders, paths
/// that try to leave the site (refused), the request log, /healthz, the start-up lines and a graceful SIGTERM.
/// </summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class ServeSiteTests(ServeSiteTests.Served served) : IClassFixture<ServeSiteTests.Served>
{
    public sealed class Served : IDisposable
    {
        public Served()
        {
            Port = LocalServer.FreePort();
            var result = SiteBuilder.Build(new BuildRequest(RepoPaths.SampleCatalog, Site) { BaseUrl = $"http://localhost:{Port}/" });
            Assert.Equal(ExitCodes.Success, result.ExitCode);
            File.WriteAllText(Temp["secret.txt"], "root:x:0:0 outside the site\n");
            File.CreateSymbolicLink(Path.Combine(Site, "secret-link"), Temp["secret.txt"]);
            File.CreateSymbolicLink(Path.Combine(Site, "relative-secret-link"), "../secret.txt");
            File.CreateSymbolicLink(Path.Combine(Site, "lock-link"), "../.site.lock");
            Directory.CreateSymbolicLink(Path.Combine(Site, "outside-folder"), Temp.Path);
            Server = new ServeProcess(Site, Port);
        }

        internal TempDir Temp { get; } = new();

        public string Site => Temp["site"];

        public int Port { get; }

        internal ServeProcess Server { get; }

        public void Dispose()
        {
            Server.Dispose();
            Temp.Dispose();
        }
    }

    private string Url => served.Server.Url;

    [Theory]
    [InlineData("", "text/html; charset=utf-8", "index.html")]
    [InlineData("index.html", "text/html; charset=utf-8", "index.html")]
    [InlineData("plugins/com.example.hello/", "text/html; charset=utf-8", "plugins/com.example.hello/index.html")]
    [InlineData("assets/style.css", "text/css; charset=utf-8", "assets/style.css")]
    [InlineData("assets/site.js", "text/javascript; charset=utf-8", "assets/site.js")]
    [InlineData("assets/plugin.svg", "image/svg+xml", "assets/plugin.svg")]
    [InlineData("plugins.json", "application/json", "plugins.json")]
    [InlineData("bundles/com.example.hello/com.example.hello-1.1.0.tar.gz", "application/gzip", "bundles/com.example.hello/com.example.hello-1.1.0.tar.gz")]
    [InlineData("bundles/com.example.hello/com.example.hello-1.1.0.tar.gz.sig", "application/pgp-signature", "bundles/com.example.hello/com.example.hello-1.1.0.tar.gz.sig")]
    [InlineData("bundles/com.example.hello/com.example.hello-2.0.0-beta.1.tar.gz", "application/gzip", "bundles/com.example.hello/com.example.hello-2.0.0-beta.1.tar.gz")]
    [InlineData("keys/mirror-trusted-keys.asc", "text/plain; charset=utf-8", "keys/mirror-trusted-keys.asc")]
    [InlineData("nginx/mirror.conf", "text/plain; charset=utf-8", "nginx/mirror.conf")]
    public async Task Every_file_of_the_site_is_served_with_its_content_type(string path, string contentType, string file)
    {
        using var response = await served.Server.Http.GetAsync(Url + path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(served.Site, file)), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Every_download_url_of_the_listing_is_served_by_the_same_server()
    {
        var listing = System.Text.Json.Nodes.JsonNode.Parse(await served.Server.Http.GetStringAsync(Url + "api/v1/plugins?return_all_versions=true&enterprise_plugins=true"))!.AsArray();
        Assert.Equal(6, listing.Count);
        foreach (var entry in listing)
        {
            var bytes = await served.Server.Http.GetByteArrayAsync(entry!["download_url"]!.GetValue<string>());
            Assert.Equal(entry["signature"]!.GetValue<string>(), Convert.ToBase64String(await File.ReadAllBytesAsync(
                Path.Combine(served.Site, new Uri(entry["download_url"]!.GetValue<string>()).AbsolutePath.TrimStart('/').Replace("%2B", "+", StringComparison.Ordinal) + ".sig"))));
            Assert.NotEmpty(bytes);
        }
    }

    [Fact]
    public async Task Head_answers_the_headers_without_the_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, Url + "plugins.json");
        using var response = await served.Server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new FileInfo(Path.Combine(served.Site, "plugins.json")).Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public void A_folder_asked_without_its_slash_is_redirected_to_it()
    {
        var (status, _) = served.Server.Raw("/plugins/com.example.hello?x=1");
        Assert.Equal(301, status);
        using var client = new TcpClient("127.0.0.1", served.Port);
        using var stream = client.GetStream();
        stream.Write("GET /plugins/com.example.hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"u8);
        var response = new StreamReader(stream).ReadToEnd();
        Assert.Contains("\r\nLocation: /plugins/com.example.hello/\r\n", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/../.site.lock")]
    [InlineData("/..%2f.site.lock")]
    [InlineData("/%2e%2e/.site.lock")]
    [InlineData("/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/assets/..%2f..%2fsecret.txt")]
    [InlineData("/assets%2f..%2f..%2fsecret.txt")]
    [InlineData("/..\\secret.txt")]
    [InlineData("/%5c..%5csecret.txt")]
    [InlineData("/../secret.txt")]
    [InlineData("/.plugin-mirror-site")]
    [InlineData("/.htaccess")]
    [InlineData("/assets/.%2e/.htaccess")]
    [InlineData("/secret-link")]
    [InlineData("/relative-secret-link")]
    [InlineData("/lock-link")]
    [InlineData("/outside-folder/secret.txt")]
    [InlineData("/outside-folder/")]
    [InlineData("//etc/passwd")]
    [InlineData("/%00index.html")]
    public void Nothing_outside_the_site_nor_hidden_in_it_is_served(string target)
    {
        var (status, body) = served.Server.Raw(target);
        Assert.True(status is 400 or 404, $"{target} answered {status}");
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Plugin Mirror", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_other_methods_and_unknown_paths()
    {
        Assert.Equal("ok\n", await served.Server.Http.GetStringAsync(Url + "healthz"));
        using var post = await served.Server.Http.PostAsync(Url + "api/v1/plugins", new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal("GET, HEAD", string.Join(", ", post.Content.Headers.Allow));
        using var missing = await served.Server.Http.GetAsync(Url + "no/such/file.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Each_request_is_logged_in_one_line()
    {
        await served.Server.Http.GetStringAsync(Url + "api/v1/plugins?plugin_id=com.example.hello&logged=1");
        var line = new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z GET /api/v1/plugins\?plugin_id=com\.example\.hello&logged=1 200 \d+ \d+\.\dms$", RegexOptions.Multiline);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!line.IsMatch(served.Server.Stdout) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Matches(line, served.Server.Stdout);
    }

    [Fact]
    public void Start_up_says_what_it_serves_and_where_without_a_warning_when_the_base_url_is_here()
    {
        Assert.Contains($"mirror: serving {served.Site} (3 plugin(s), 6 version(s)) on http://127.0.0.1:{served.Port}/\n", served.Server.Stderr, StringComparison.Ordinal);
        Assert.Contains($"mirror: Marketplace URL http://localhost:{served.Port} (right for every server version)\n" +
            $"mirror: pinned to 9.11.0: http://localhost:{served.Port}/mm/9.11.0\n" +
            $"mirror: pinned to 10.5.0: http://localhost:{served.Port}/mm/10.5.0\n", served.Server.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", served.Server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Listening_elsewhere_than_the_base_url_warns_and_SIGTERM_stops_it_cleanly()
    {
        using var other = new ServeProcess(served.Site);
        Assert.Contains($"mirror: warning: the site's base URL http://localhost:{served.Port}/ is not where this server listens " +
            $"(port {served.Port}, and this server listens on {other.Port})", other.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, other.Stop());
        Assert.EndsWith("mirror: stopped\n", other.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_in_use_is_exit_1_naming_it()
    {
        var result = MirrorCli.Run("serve", served.Site, "--port", served.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.StartsWith($"mirror: cannot listen on http://127.0.0.1:{served.Port}/: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_not_on_this_machine_is_exit_1_naming_it()
    {
        // TEST-NET-1 (RFC 5737) is on no machine.
        var result = MirrorCli.Run("serve", served.Site, "--host", "192.0.2.1");
        Assert.Equal((ExitCodes.Failure, "mirror: cannot listen on http://192.0.2.1:8080/: Cannot assign requested address\n"), (result.Code, result.Stderr));
    }
}
