using System.Net;
using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Serving;

/// <summary>A site built for a base URL with a path (non-ASCII too): <c>serve</c> answers under that path only, as the web server configs do.</summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class ServeBasePathTests
{
    [Fact]
    public async Task The_api_and_the_downloads_live_under_the_base_urls_path()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("p.tar.gz", TarGz.Plugin("com.example.p", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        var port = LocalServer.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}/plugin-mirror/caf%C3%A9/";
        Assert.Equal(ExitCodes.Success, catalog.Build(baseUrl: baseUrl).ExitCode);
        using var server = new ServeProcess(catalog.SiteDir, port);

        var listing = JsonNode.Parse(await server.Http.GetStringAsync(baseUrl + "api/v1/plugins?server_version=10.5.0"))!.AsArray();
        var download = listing.Single()!["download_url"]!.GetValue<string>();
        Assert.StartsWith(baseUrl, download, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(catalog.SiteDir, "bundles/com.example.p/com.example.p-1.0.0.tar.gz")),
            await server.Http.GetByteArrayAsync(download));
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync(baseUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync(server.Url + "api/v1/plugins")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync(server.Url + "index.html")).StatusCode);
        Assert.DoesNotContain("warning", server.Stderr, StringComparison.Ordinal);
    }
}
