using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Integration;

/// <summary>The site behind real nginx, through its generated nginx/mirror.conf.</summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class NginxMarketplaceTests(NginxMarketplaceTests.Site site) : MarketplaceServerTests(site), IClassFixture<NginxMarketplaceTests.Site>
{
    public sealed class Site() : Served((siteDir, port, _) => new NginxServer(siteDir, port));
}

/// <summary>The site behind real Apache httpd, through its generated .htaccess.</summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class ApacheMarketplaceTests(ApacheMarketplaceTests.Site site) : MarketplaceServerTests(site), IClassFixture<ApacheMarketplaceTests.Site>
{
    public sealed class Site() : Served((siteDir, port, basePath) => new ApacheServer(siteDir, port, basePath));
}

/// <summary>
/// A site behind a real web server with its generated configuration, asked exactly what a Mattermost server asks
/// (marketplace.md §1–2): the listing, the install query for every id, an unknown id, and every download checked with gpgv.
/// </summary>
public abstract class MarketplaceServerTests(MarketplaceServerTests.Served served)
{
    /// <summary>The catalog built once per web server.</summary>
    public abstract class Served : IDisposable
    {
        /// <param name="startServer">Starts the server, given the site folder, a port and the base path.</param>
        /// <param name="carriedAcross">Given the catalog, returns the one to build instead (e.g. a copy made by <c>mirror sync</c>).</param>
        private protected Served(Func<string, int, string, LocalServer> startServer, Func<TestCatalog, TestCatalog>? carriedAcross = null)
        {
            Gpg = new Gpg();
            var fingerprint = Gpg.GenerateKey("Nginx Publisher <nginx@example.com>");
            Catalog = new TestCatalog().TrustBytes(Gpg.ExportPublic(fingerprint), "publisher.asc");
            Add("a1.tar.gz", TarGz.Plugin("com.example.alpha", "1.0.0", minServer: "9.0.0", name: "Alpha"), fingerprint, armor: false);
            Add("a2.tar.gz", TarGz.Plugin("com.example.alpha", "2.0.0", minServer: "10.5.0", name: "Alpha"), fingerprint, armor: true);
            Add("b.tar.gz", TarGz.Plugin("com.example.beta", "0.3.0", name: "Beta"), fingerprint, armor: false);
            Add("c.tar.gz", TarGz.Plugin("com.example.gamma", "1.0.0", minServer: "11.0.0", name: "Gamma"), fingerprint, armor: true);
            if (carriedAcross is not null)
                Catalog = carriedAcross(Catalog);
            var port = LocalServer.FreePort();
            BaseUrl = $"http://127.0.0.1:{port}/plugin-mirror/";
            Result = Catalog.Build(baseUrl: BaseUrl, targets: ["9.11.0", "10.5.0"]);
            Server = startServer(Catalog.SiteDir, port, "/plugin-mirror");
            Http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Mattermost-Bot", "1.1"));
        }

        internal Gpg Gpg { get; }

        internal TestCatalog Catalog { get; }

        public string BaseUrl { get; }

        internal Core.Pipeline.BuildResult Result { get; }

        internal LocalServer Server { get; }

        public HttpClient Http { get; } = new();

        private void Add(string file, TarGz bundle, string fingerprint, bool armor)
        {
            Catalog.Add(file, bundle.Build(), null);
            File.WriteAllBytes(Catalog[file + ".sig"], Gpg.DetachSign(Catalog[file], fingerprint, armor));
        }

        public void Dispose()
        {
            Http.Dispose();
            Server.Dispose();
            Catalog.Dispose();
            Gpg.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>The exact query string a Mattermost server sends (marketplace.md §1).</summary>
    private static string Query(string pluginId = "", string serverVersion = "10.5.0", bool allVersions = false) =>
        $"build_enterprise_ready=false&cloud=false&enterprise_plugins=false&filter=&local_only=false&page=0&platform=linux-amd64" +
        $"&plugin_id={pluginId}&remote_only=false&return_all_versions={(allVersions ? "true" : "false")}&server_version={serverVersion}";

    private async Task<JsonArray> Ask(string marketplaceUrl, string query)
    {
        using var response = await served.Http.GetAsync($"{marketplaceUrl.TrimEnd('/')}/api/v1/plugins?{query}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (JsonArray)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IEnumerable<string> IdsAndVersions(JsonArray entries) =>
        entries.Select(e => $"{e!["manifest"]!["id"]}@{e["manifest"]!["version"]}");

    [Fact]
    public void The_build_published_everything() => Assert.Equal(ExitCodes.Success, served.Result.ExitCode);

    [Theory]
    [InlineData("", "9.0.0-rc1", "com.example.beta@0.3.0")]
    [InlineData("", "9.11.0", "com.example.alpha@1.0.0 com.example.beta@0.3.0")]
    [InlineData("", "10.5.0", "com.example.alpha@2.0.0 com.example.beta@0.3.0")]
    [InlineData("", "11.0.0", "com.example.alpha@2.0.0 com.example.beta@0.3.0 com.example.gamma@1.0.0")]
    [InlineData("", "", "com.example.alpha@2.0.0 com.example.beta@0.3.0 com.example.gamma@1.0.0")]
    [InlineData("mm/9.11.0", "11.0.0", "com.example.alpha@1.0.0 com.example.beta@0.3.0")]
    [InlineData("mm/10.5.0", "9.11.0", "com.example.alpha@1.0.0 com.example.beta@0.3.0")]
    [InlineData("mm/10.5.0", "", "com.example.alpha@2.0.0 com.example.beta@0.3.0")]
    [InlineData("mm/9.11.0", "9.0.0-rc1", "com.example.beta@0.3.0")]
    public async Task The_listing_has_the_newest_version_each_server_can_run(string path, string serverVersion, string expected)
    {
        var listing = await Ask(served.BaseUrl + path, Query(serverVersion: serverVersion));
        Assert.Equal(expected.Split(' '), IdsAndVersions(listing));
    }

    [Theory]
    [InlineData("", "10.5.0", "com.example.alpha", "2.0.0")]
    [InlineData("", "10.4.99", "com.example.alpha", "1.0.0")]
    [InlineData("", "9.11.0", "com.example.beta", "0.3.0")]
    [InlineData("", "11.0.0", "com.example.gamma", "1.0.0")]
    [InlineData("mm/9.11.0", "10.5.0", "com.example.alpha", "1.0.0")]
    [InlineData("mm/10.5.0", "9.11.0", "com.example.alpha", "1.0.0")]
    [InlineData("mm/10.5.0", "10.5.0%2Bbuild.7", "com.example.alpha", "2.0.0")]
    [InlineData("mm/9.11.0", "", "com.example.alpha", "1.0.0")]
    public async Task The_install_query_answers_exactly_one_entry(string path, string serverVersion, string id, string version)
    {
        var answer = await Ask(served.BaseUrl + path, Query(pluginId: id, serverVersion: serverVersion));
        Assert.Equal([$"{id}@{version}"], IdsAndVersions(answer));
    }

    [Theory]
    [InlineData("", "com.example.unknown")]
    [InlineData("", "com.example.gamma")]
    [InlineData("mm/9.11.0", "com.example.gamma")]
    [InlineData("", "..%2F..%2Fetc")]
    [InlineData("", "../../etc/passwd")]
    [InlineData("", "..")]
    [InlineData("", ".")]
    public async Task An_unknown_or_incompatible_id_answers_an_empty_array(string path, string id) =>
        Assert.Empty(await Ask(served.BaseUrl + path, Query(pluginId: id)));

    [Theory]
    [InlineData("server_version=10.5")]
    [InlineData("server_version=v10.5.0")]
    [InlineData("server_version=10.5.0+build")]
    [InlineData("server_version=10.5.0&enterprise_plugins=yes")]
    [InlineData("server_version=10.5.0&page=-1")]
    [InlineData("server_version=10.5.0&filter=alpha")]
    [InlineData("server_version=10.5.0&per_page=10")]
    [InlineData("server_version=10.5.0&return_all_versions=true")]
    public async Task A_malformed_query_or_one_no_file_answers_is_a_400(string query)
    {
        using var response = await served.Http.GetAsync($"{served.BaseUrl}api/v1/plugins?{query}");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("mm/10.5.0/", "server_version=10.5", System.Net.HttpStatusCode.BadRequest)]
    [InlineData("mm/9.11.0/", "server_version=11.0.0&page=-1", System.Net.HttpStatusCode.BadRequest)]
    [InlineData("mm/10.0.0/", "server_version=10.5.0", System.Net.HttpStatusCode.NotFound)]
    public async Task A_pinned_listing_refuses_what_the_root_refuses_and_an_unpinned_version_is_not_found(string path, string query, System.Net.HttpStatusCode status)
    {
        using var response = await served.Http.GetAsync($"{served.BaseUrl}{path}api/v1/plugins?{query}");
        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task Without_per_page_every_entry_is_on_the_first_page_and_a_later_page_is_empty()
    {
        Assert.Equal(3, (await Ask(served.BaseUrl, Query(serverVersion: "")))!.Count);
        Assert.Empty(await Ask(served.BaseUrl, Query(serverVersion: "").Replace("page=0", "page=1", StringComparison.Ordinal)));
        Assert.Empty(await Ask(served.BaseUrl, Query(serverVersion: "").Replace("page=0", "page=007", StringComparison.Ordinal)));
        Assert.Equal(3, (await Ask(served.BaseUrl, Query(serverVersion: "").Replace("page=0", "page=2&per_page=-1", StringComparison.Ordinal)))!.Count);
    }

    [Fact]
    public async Task Return_all_versions_for_one_id_lists_every_version_newest_first() =>
        Assert.Equal(["com.example.alpha@2.0.0", "com.example.alpha@1.0.0"],
            IdsAndVersions(await Ask(served.BaseUrl, Query(pluginId: "com.example.alpha", allVersions: true))));

    [Fact]
    public async Task Every_download_url_serves_a_bundle_whose_signature_verifies_with_gpgv()
    {
        var keyFile = Path.Combine(served.Catalog.SiteDir, "keys", "mirror-trusted-keys.asc");
        var keyring = served.Gpg.KeyringFrom(keyFile);
        using var downloads = new TempDir();
        var listing = await Ask(served.BaseUrl, Query());
        foreach (var plugin in listing)
        {
            var entries = await Ask(served.BaseUrl, Query(pluginId: plugin!["manifest"]!["id"]!.GetValue<string>(), allVersions: true));
            foreach (var entry in entries)
            {
                var url = entry!["download_url"]!.GetValue<string>();
                Assert.StartsWith(served.BaseUrl, url, StringComparison.Ordinal);
                var bundle = downloads[Path.GetFileName(url)];
                await File.WriteAllBytesAsync(bundle, await served.Http.GetByteArrayAsync(url));
                await File.WriteAllBytesAsync(bundle + ".sig", Convert.FromBase64String(entry["signature"]!.GetValue<string>()));
                var status = served.Gpg.Verify(bundle + ".sig", bundle, keyring);
                Assert.Contains(status, line => line.StartsWith("VALIDSIG ", StringComparison.Ordinal));
            }
        }
    }
}
