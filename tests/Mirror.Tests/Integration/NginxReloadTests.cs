using System.Net;
using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Integration;

/// <summary>
/// nginx holds the routing of nginx/mirror.conf in memory: after a rebuild that changed it, the rules it still holds
/// are not the site's (the site no longer holds their marker file), and every query is a 503 that says to reload
/// nginx, neither a bare 404 nor an old answer; after `nginx -s reload` the new site answers.
/// </summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class NginxReloadTests
{
    private const string Listing = "api/v1/plugins?build_enterprise_ready=false&cloud=false&enterprise_plugins=false&filter=&local_only=false" +
        "&page=0&platform=linux-amd64&plugin_id=&remote_only=false&return_all_versions=false&server_version=10.5.0";

    [Fact]
    public async Task A_rebuilt_site_answers_503_reload_nginx_until_nginx_is_reloaded_then_the_new_listing()
    {
        // Two plugins: the listing's answer is then no other route's answer too (answers are files named by their bytes).
        using var catalog = TestCatalog.WithGoodBundle();
        catalog.Add("other.tar.gz", TarGz.Plugin("com.example.other", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        var port = LocalServer.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}/";
        Assert.Equal(ExitCodes.Success, catalog.Build(baseUrl: baseUrl).ExitCode);
        // A cache of open files and their status, as busy sites have: it must not answer the rules' check from before.
        using var nginx = new NginxServer(catalog.SiteDir, port, "open_file_cache max=1000 inactive=120s; open_file_cache_valid 60s;");
        using var http = new HttpClient();
        Assert.Equal(["com.example.good", "com.example.other"], Ids(await http.GetStringAsync(baseUrl + Listing)));

        // A rebuild that leaves the rules as they were (another title) needs no reload.
        catalog.Settings("""{"title": "Another title"}""");
        Assert.Equal(ExitCodes.Success, catalog.Build(baseUrl: baseUrl).ExitCode);
        Assert.Equal(["com.example.good", "com.example.other"], Ids(await http.GetStringAsync(baseUrl + Listing)));

        catalog.Add("third.tar.gz", TarGz.Plugin("com.example.third", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        Assert.Equal(ExitCodes.Success, catalog.Build(baseUrl: baseUrl).ExitCode);
        // The listing's old answer is gone; the install query's is still there: both say to reload, neither answers stale.
        foreach (var query in new[] { Listing, Listing.Replace("plugin_id=&", "plugin_id=com.example.good&", StringComparison.Ordinal) })
        {
            using var stale = await http.GetAsync(baseUrl + query);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
            Assert.Equal("Plugin Mirror: the site was rebuilt after nginx read nginx/mirror.conf: reload nginx (nginx -s reload).\n",
                await stale.Content.ReadAsStringAsync());
        }

        nginx.Reload();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        do
        {
            await Task.Delay(50);
            using var answer = await http.GetAsync(baseUrl + Listing);
            status = answer.StatusCode;
            if (status == HttpStatusCode.OK)
                Assert.Equal(["com.example.good", "com.example.other", "com.example.third"], Ids(await answer.Content.ReadAsStringAsync()));
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static IEnumerable<string> Ids(string json) =>
        JsonNode.Parse(json)!.AsArray().Select(e => e!["manifest"]!["id"]!.GetValue<string>());
}
