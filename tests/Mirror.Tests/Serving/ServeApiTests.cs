using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Mirror.Core.Rendering.Json;
using Mirror.Tests.Support;

namespace Mirror.Tests.Serving;

/// <summary>
/// <c>mirror serve</c> answering <c>GET …/api/v1/plugins</c> with every parameter of marketplace.md §4, one real
/// server for the class over a catalog made to tell the rules apart: case-only name ties, an enterprise plugin,
/// cloud-only and on-prem-only plugins, versions that need newer servers, a prerelease, a platform bundle.
/// </summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class ServeApiTests(ServeApiTests.Served served) : IClassFixture<ServeApiTests.Served>
{
    private const string Zeta = "com.acme.zeta";

    public sealed class Served : IDisposable
    {
        public Served()
        {
            Catalog = new TestCatalog().Trust(SharedKeys.Trusted).Settings("""
                {"plugins": {
                  "com.acme.enterprise": {"enterprise": true, "author_type": "partner"},
                  "com.acme.cloudonly": {"hosting": "cloud"},
                  "com.acme.onprem": {"hosting": "on-prem", "author_type": "community", "release_stage": "beta"},
                  "com.acme.exp": {"release_stage": "experimental"}
                }}
                """);
            Add(Zeta, "Zeta", "Tracks time spent.", "1.0.0", null);
            Add(Zeta, "Zeta", "Tracks time spent.", "1.1.0", "9.5.0");
            Add(Zeta, "Zeta", "Tracks time spent.", "2.0.0", "10.5.0");
            Add(Zeta, "Zeta", "Tracks time spent.", "2.1.0-beta.1", "10.5.0");
            Add("com.acme.alpha2", "Alpha", "Another first plugin.", "1.0.0", null);
            Add("com.acme.alpha", "alpha", "First plugin.", "1.0.0", null);
            Add("com.acme.enterprise", "Enterprise Audit", "Exports audit logs.", "3.0.0", "5.20.0");
            Add("com.acme.cloudonly", "Cloud Sync", "Syncs to the cloud.", "1.0.0", null);
            Add("com.acme.onprem", "On-Prem Bridge", "Bridges on-prem systems.", "1.0.0", null);
            Add("com.acme.exp", "Experimental Widget", "A widget that TRACKS nothing.", "1.0.0", null);
            Port = LocalServer.FreePort();
            BaseUrl = $"http://127.0.0.1:{Port}/";
            Catalog.Build(baseUrl: BaseUrl, targets: ["9.11.0"]);
            AddPlatformBundles();
            Server = new ServeProcess(Catalog.SiteDir, Port);
        }

        internal TestCatalog Catalog { get; }

        public int Port { get; }

        public string BaseUrl { get; }

        internal ServeProcess Server { get; }

        public string ArmUrl => BaseUrl + "bundles/com.acme.zeta/com.acme.zeta-2.0.0-linux-arm64.tar.gz";

        /// <summary>Every published version, as the site's plugins.json holds them: the model's store.</summary>
        internal IReadOnlyList<OfficialModel.Entry> Store { get; private set; } = [];

        /// <summary>What the model answers; under a pinned prefix, over the versions that server version can run.</summary>
        internal List<OfficialModel.Served> Model(string query, string prefix)
        {
            var pinned = prefix.Length == 0 ? null : prefix.Split('/')[1];
            var store = Store.Where(e => pinned is null || e.MinServerVersion.Length == 0 || OfficialModel.Compare(pinned, e.MinServerVersion) >= 0).ToList();
            return OfficialModel.Answer(store, query) ?? throw new InvalidOperationException($"the model refuses {query}");
        }

        private void Add(string id, string name, string description, string version, string? minServer)
        {
            var min = minServer is null ? "" : $", \"min_server_version\": \"{minServer}\"";
            var bundle = new TarGz()
                .Folder($"{id}/")
                .File($"{id}/plugin.json", $$"""{"id": "{{id}}", "name": "{{name}}", "description": "{{description}}", "version": "{{version}}"{{min}}}""")
                .Build();
            Catalog.Add($"{id}-{version}.tar.gz", bundle, b => SharedKeys.Trusted.Sign(b));
        }

        /// <summary>
        /// Platform bundles in the official format (marketplace.md §3), given to zeta 2.0.0 in the built site's
        /// plugins.json: a complete one for linux-arm64 and one without signature for darwin-amd64 (never swapped in).
        /// </summary>
        private void AddPlatformBundles()
        {
            var path = Path.Combine(Catalog.SiteDir, PluginsJsonFile.FileName);
            var entries = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
            var entry = entries.Single(e => e!["manifest"]!["id"]!.GetValue<string>() == Zeta && e["manifest"]!["version"]!.GetValue<string>() == "2.0.0")!;
            entry["platforms"] = new JsonObject
            {
                ["darwin-amd64"] = new JsonObject { ["download_url"] = BaseUrl + "darwin.tar.gz", ["signature"] = "" },
                ["linux-arm64"] = new JsonObject { ["download_url"] = ArmUrl, ["signature"] = "QVJNNjQ=" },
            };
            File.WriteAllText(path, entries.ToJsonString());
            Store = [.. entries.Select(e => OfficialModel.Entry.FromJson(e!))];
        }

        public void Dispose()
        {
            Server.Dispose();
            Catalog.Dispose();
        }
    }

    /// <summary>The exact query string a Mattermost server sends (marketplace.md §1).</summary>
    private static string ServerQuery(string serverVersion = "10.5.0", string pluginId = "", bool allVersions = false, bool enterprise = false,
        bool cloud = false, string platform = "linux-amd64") =>
        $"build_enterprise_ready={(enterprise ? "true" : "false")}&cloud={(cloud ? "true" : "false")}&enterprise_plugins={(enterprise ? "true" : "false")}" +
        $"&filter=&local_only=false&page=0&platform={platform}&plugin_id={pluginId}&remote_only=false" +
        $"&return_all_versions={(allVersions ? "true" : "false")}&server_version={serverVersion}";

    private async Task<HttpResponseMessage> Get(string pathAndQuery, bool gzip = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, served.Server.Url + pathAndQuery);
        request.Headers.UserAgent.ParseAdd("Mattermost-Bot/1.1");
        if (gzip)
            request.Headers.AcceptEncoding.ParseAdd("gzip");
        return await served.Server.Http.SendAsync(request);
    }

    private async Task<JsonArray> Ask(string query, string prefix = "")
    {
        using var response = await Get($"{prefix}api/v1/plugins?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (JsonArray)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>
    /// The answer's ids and versions, short; asserting on the way that the whole answer (ids, versions, order, the
    /// bundle and signature served) is what the model of the official semantics answers over the site's plugins.json.
    /// </summary>
    private async Task<string> IdsAndVersions(string query, string prefix = "")
    {
        var answer = await Ask(query, prefix);
        Assert.Equal(served.Model(query, prefix), answer.Select(e => OfficialModel.Served.FromJson(e!)));
        return string.Join(' ', answer.Select(e => $"{e!["manifest"]!["id"]}@{e["manifest"]!["version"]}".Replace("com.acme.", "", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("10.5.0", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@2.1.0-beta.1")]
    [InlineData("9.11.0", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@1.1.0")]
    [InlineData("9.4.9", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@1.0.0")]
    [InlineData("10.5.0-rc1", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@1.1.0")]
    [InlineData("5.24.9", "alpha@1.0.0 alpha2@1.0.0 enterprise@3.0.0 exp@1.0.0 onprem@1.0.0 zeta@1.0.0")]
    [InlineData("5.25.0", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@1.0.0")]
    [InlineData("5.19.0", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@1.0.0")]
    public async Task The_exact_listing_query_of_a_server_answers_the_newest_version_it_can_run_per_id_sorted_by_name(string server, string expected) =>
        Assert.Equal(expected, await IdsAndVersions(ServerQuery(server)));

    [Theory]
    [InlineData(true, false, "alpha@1.0.0 alpha2@1.0.0 enterprise@3.0.0 exp@1.0.0 onprem@1.0.0 zeta@2.1.0-beta.1")]
    [InlineData(false, true, "alpha@1.0.0 alpha2@1.0.0 cloudonly@1.0.0 exp@1.0.0 zeta@2.1.0-beta.1")]
    [InlineData(true, true, "alpha@1.0.0 alpha2@1.0.0 cloudonly@1.0.0 enterprise@3.0.0 exp@1.0.0 zeta@2.1.0-beta.1")]
    public async Task Enterprise_plugins_and_cloud_select_by_licence_and_hosting(bool enterprise, bool cloud, string expected) =>
        Assert.Equal(expected, await IdsAndVersions(ServerQuery(enterprise: enterprise, cloud: cloud)));

    [Fact]
    public async Task Without_a_server_version_enterprise_plugins_are_dropped_unless_asked_for_and_every_minimum_is_ignored()
    {
        Assert.Equal("alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@2.1.0-beta.1", await IdsAndVersions(""));
        Assert.Equal("alpha@1.0.0 alpha2@1.0.0 enterprise@3.0.0 exp@1.0.0 onprem@1.0.0 zeta@2.1.0-beta.1", await IdsAndVersions("enterprise_plugins=true"));
    }

    [Theory]
    [InlineData("10.5.0", Zeta, false, "zeta@2.1.0-beta.1")]
    [InlineData("9.11.0", Zeta, false, "zeta@1.1.0")]
    [InlineData("10.5.0", Zeta, true, "zeta@2.1.0-beta.1 zeta@2.0.0 zeta@1.1.0 zeta@1.0.0")]
    [InlineData("9.11.0", Zeta, true, "zeta@1.1.0 zeta@1.0.0")]
    [InlineData("10.5.0", "com.acme.enterprise", false, "")]
    [InlineData("10.5.0", "com.acme.unknown", false, "")]
    [InlineData("10.5.0", "COM.ACME.ZETA", false, "")]
    [InlineData("10.5.0", "com.acme", false, "")]
    public async Task The_install_query_answers_exactly_the_id_asked(string server, string id, bool allVersions, string expected) =>
        Assert.Equal(expected, await IdsAndVersions(ServerQuery(server, pluginId: id, allVersions: allVersions)));

    [Theory]
    [InlineData("filter=TRACKS", "exp@1.0.0 zeta@2.1.0-beta.1")]
    [InlineData("filter=%20%20zeta%20", "zeta@2.1.0-beta.1")]
    [InlineData("filter=com.acme.alpha", "alpha@1.0.0")]
    [InlineData("filter=COM.ACME.ALPHA2", "alpha2@1.0.0")]
    [InlineData("filter=first", "alpha@1.0.0 alpha2@1.0.0")]
    [InlineData("filter=com.acme", "")]
    [InlineData("filter=nothing%20like%20it", "")]
    [InlineData("filter=+", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@2.1.0-beta.1")]
    public async Task The_text_filter_matches_the_id_exactly_or_the_name_or_description_ignoring_case(string query, string expected) =>
        Assert.Equal(expected, await IdsAndVersions(query));

    [Theory]
    [InlineData("per_page=2&page=0", "alpha@1.0.0 alpha2@1.0.0")]
    [InlineData("per_page=2&page=1", "exp@1.0.0 onprem@1.0.0")]
    [InlineData("per_page=2&page=2", "zeta@2.1.0-beta.1")]
    [InlineData("per_page=2&page=3", "")]
    [InlineData("per_page=5&page=1", "")]
    [InlineData("per_page=4&page=1", "zeta@2.1.0-beta.1")]
    [InlineData("per_page=0", "")]
    [InlineData("per_page=0&page=3", "")]
    [InlineData("per_page=-1&page=7", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@2.1.0-beta.1")]
    [InlineData("page=0", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@2.1.0-beta.1")]
    [InlineData("page=1", "")]
    [InlineData("per_page=100", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@2.1.0-beta.1")]
    [InlineData("per_page=1000000&page=9223372036854775807", "")]
    [InlineData("per_page=3&page=1&return_all_versions=true", "onprem@1.0.0 zeta@2.1.0-beta.1 zeta@2.0.0")]
    [InlineData("per_page=3&page=2&return_all_versions=true", "zeta@1.1.0 zeta@1.0.0")]
    [InlineData("per_page=1&page=1&filter=tracks", "zeta@2.1.0-beta.1")]
    [InlineData("per_page=%2B2&page=-0", "alpha@1.0.0 alpha2@1.0.0")]
    public async Task Pages_cut_the_sorted_answer_and_no_per_page_means_every_entry_on_the_first_page(string query, string expected) =>
        Assert.Equal(expected, await IdsAndVersions("server_version=10.5.0&" + query));

    [Fact]
    public async Task Names_equal_but_for_case_are_ordered_by_id_and_versions_of_one_id_newest_first() =>
        Assert.Equal("alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@2.1.0-beta.1 zeta@2.0.0 zeta@1.1.0 zeta@1.0.0",
            await IdsAndVersions("server_version=10.5.0&return_all_versions=true"));

    [Theory]
    [InlineData("page=x", "page: \"x\" is not an integer")]
    [InlineData("per_page=1.5", "per_page: \"1.5\" is not an integer")]
    [InlineData("per_page=%201", "per_page: \" 1\" is not an integer")]
    [InlineData("per_page=-2", "per_page: \"-2\" must be -1 (all), 0 or more")]
    [InlineData("per_page=2&page=-1", "page: \"-1\" must not be negative")]
    [InlineData("page=99999999999999999999", "page: \"99999999999999999999\" is not an integer")]
    [InlineData("cloud=yes", "cloud: \"yes\" is not true or false")]
    [InlineData("enterprise_plugins=2", "enterprise_plugins: \"2\" is not true or false")]
    [InlineData("return_all_versions=on", "return_all_versions: \"on\" is not true or false")]
    [InlineData("server_version=10.5", "server_version: \"10.5\" is not a semantic version such as 10.5.0")]
    [InlineData("server_version=v10.5.0", "server_version: \"v10.5.0\" is not a semantic version such as 10.5.0")]
    [InlineData("server_version=10.05.0", "server_version: \"10.05.0\" is not a semantic version such as 10.5.0")]
    public async Task A_malformed_number_boolean_or_server_version_is_a_400_that_says_which(string query, string message)
    {
        using var response = await Get("api/v1/plugins?" + query);
        Assert.Null(OfficialModel.Answer(served.Store, query));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message + "\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("cloud=T&enterprise_plugins=1&return_all_versions=FALSE")]
    [InlineData("cloud=True&enterprise_plugins=t&return_all_versions=0")]
    public async Task Booleans_are_read_as_Go_reads_them(string query) =>
        Assert.Equal("alpha@1.0.0 alpha2@1.0.0 cloudonly@1.0.0 enterprise@3.0.0 exp@1.0.0 zeta@2.1.0-beta.1", await IdsAndVersions(query));

    [Fact]
    public async Task Labels_are_computed_in_the_services_order()
    {
        var listing = await Ask(ServerQuery(enterprise: true, cloud: false));
        JsonObject Entry(string id) => listing.Single(e => e!["manifest"]!["id"]!.GetValue<string>() == id)!.AsObject();
        string Labels(string id) => string.Join(',', Entry(id)["labels"]!.AsArray().Select(l => $"{l!["name"]}|{l["color"]}"));
        Assert.Equal("Partner|,Professional/Enterprise|", Labels("com.acme.enterprise"));
        Assert.Equal("Community|,Beta|", Labels("com.acme.onprem"));
        Assert.Equal("Experimental|", Labels("com.acme.exp"));
        // No label, no key: the service's omitempty.
        Assert.False(Entry(Zeta).ContainsKey("labels"));
    }

    [Theory]
    [InlineData("linux-arm64", true)]
    [InlineData("darwin-amd64", false)]
    [InlineData("linux-amd64", false)]
    [InlineData("", false)]
    public async Task A_platform_with_a_complete_platform_bundle_gets_its_url_and_signature(string platform, bool swapped)
    {
        var entry = (await Ask(ServerQuery(pluginId: Zeta, allVersions: true, platform: platform)))
            .Single(e => e!["manifest"]!["version"]!.GetValue<string>() == "2.0.0")!;
        Assert.Equal(swapped ? served.ArmUrl : served.BaseUrl + "bundles/com.acme.zeta/com.acme.zeta-2.0.0.tar.gz", entry["download_url"]!.GetValue<string>());
        Assert.Equal(swapped, entry["signature"]!.GetValue<string>() == "QVJNNjQ=");
        Assert.Equal(["darwin-amd64", "linux-arm64"], entry["platforms"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@1.1.0")]
    [InlineData("server_version=10.5.0", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@1.1.0")]
    [InlineData("server_version=9.4.0", "alpha@1.0.0 alpha2@1.0.0 exp@1.0.0 onprem@1.0.0 zeta@1.0.0")]
    [InlineData("plugin_id=com.acme.zeta&return_all_versions=true", "zeta@1.1.0 zeta@1.0.0")]
    public async Task A_pinned_prefix_answers_within_its_pinned_listing(string query, string expected) =>
        Assert.Equal(expected, await IdsAndVersions(query, "mm/9.11.0/"));

    [Fact]
    public async Task A_prefix_the_site_has_not_pinned_is_not_found()
    {
        using var response = await Get("mm/10.5.0/api/v1/plugins?" + ServerQuery());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_same_query_gives_the_same_bytes_and_gzip_when_asked_for()
    {
        using var first = await Get("api/v1/plugins?" + ServerQuery());
        using var second = await Get("api/v1/plugins?" + ServerQuery());
        using var zipped = await Get("api/v1/plugins?" + ServerQuery(), gzip: true);
        var plain = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(plain, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(["gzip"], zipped.Content.Headers.ContentEncoding);
        using var gunzip = new GZipStream(new MemoryStream(await zipped.Content.ReadAsByteArrayAsync()), CompressionMode.Decompress);
        using var unpacked = new MemoryStream();
        await gunzip.CopyToAsync(unpacked);
        Assert.Equal(plain, unpacked.ToArray());
        Assert.Equal(first.Content.Headers.ContentLength, plain.Length);
    }

    [Fact]
    public async Task Entries_are_written_as_the_static_api_files_write_them()
    {
        using var response = await Get("mm/9.11.0/api/v1/plugins?enterprise_plugins=true&plugin_id=com.acme.zeta&return_all_versions=true");
        var staticFile = StaticAnswers.For(served.Catalog.SiteDir, "com.acme.zeta", "101|9.11.0|");
        Assert.Equal(staticFile, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Random_server_queries_with_pages_and_filters_answer_as_the_model_does()
    {
        var random = new Random(13);
        var ids = served.Store.Select(e => e.Id).Distinct().ToList();
        var versions = QueryCorpus.ServerVersions(served.Store.Select(e => e.MinServerVersion).Where(v => v.Length > 0));
        string[] filters = ["", "", "", "tracks", "ALPHA", "com.acme.exp", " sync ", "zz"];
        foreach (var query in QueryCorpus.Draw(random, 300, ids, versions))
        {
            var extra = random.Next(3) switch
            {
                0 => "",
                1 => $"&per_page={random.Next(-1, 4)}&page={random.Next(0, 4)}",
                _ => $"&filter={Uri.EscapeDataString(filters[random.Next(filters.Length)])}",
            };
            var text = query.ToServerQueryString().Replace("&filter=&", "&", StringComparison.Ordinal) + extra;
            var answer = await Ask(text);
            Assert.Equal(served.Model(text, ""), answer.Select(e => OfficialModel.Served.FromJson(e!)));
        }
    }
}
