using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Integration;

/// <summary>The randomized queries through real nginx and its generated nginx/mirror.conf.</summary>
public sealed class NginxRandomizedQueryTests(NginxRandomizedQueryTests.Site site) : RandomizedQueryTests(site), IClassFixture<NginxRandomizedQueryTests.Site>
{
    public sealed class Site() : Served((siteDir, port, _) => new NginxServer(siteDir, port));
}

/// <summary>The randomized queries through real Apache httpd and its generated .htaccess files.</summary>
public sealed class ApacheRandomizedQueryTests(ApacheRandomizedQueryTests.Site site) : RandomizedQueryTests(site), IClassFixture<ApacheRandomizedQueryTests.Site>
{
    public sealed class Site() : Served((siteDir, port, basePath) => new ApacheServer(siteDir, port, basePath));
}

/// <summary>
/// Issue 9's acceptance test: thousands of queries of exactly the shape a Mattermost server sends, against the root
/// URL of a built site behind a real web server, compared with <see cref="OfficialModel"/> run on the site's own
/// plugins.json: exact ids, versions, order, and the bundle and signature served; each distinct bundle served is
/// downloaded and its signature checked with gpgv.
/// </summary>
public abstract class RandomizedQueryTests(RandomizedQueryTests.Served served)
{
    private const int QueryCount = 2200;

    /// <summary>Every min_server_version of the catalog below: where answers change.</summary>
    private static readonly string[] Thresholds = ["5.20.0", "5.26.0", "9.5.0", "9.10.0", "10.5.0-rc.1", "10.5.0", "11.0.0"];

    private static readonly string[] AllPlatforms = ["linux-amd64", "darwin-amd64", "windows-amd64"];

    public abstract class Served : IDisposable
    {
        protected Served(Func<string, int, string, LocalServer> startServer)
        {
            Catalog = new TestCatalog().Trust(SharedKeys.Trusted).Settings("""
                {"plugins": {
                  "com.example.ent": {"enterprise": true, "author_type": "partner"},
                  "com.example.cloudy": {"hosting": "cloud", "release_stage": "beta"},
                  "com.example.onprem": {"hosting": "on-prem", "enterprise": true}
                }}
                """);
            Add("alpha-1.tar.gz", TarGz.ServerPlugin("com.example.alpha", "1.0.0", AllPlatforms, "5.20.0", "Alpha"));
            Add("alpha-2.tar.gz", TarGz.ServerPlugin("com.example.alpha", "2.0.0", AllPlatforms, "9.5.0", "Alpha"));
            Add("alpha-2-arm.tar.gz", TarGz.ServerPlugin("com.example.alpha", "2.0.0", ["linux-arm64"], "9.5.0", "Alpha"));
            Add("alpha-2-amd.tar.gz", TarGz.ServerPlugin("com.example.alpha", "2.0.0", ["linux-amd64"], "9.5.0", "Alpha"));
            Add("alpha-3.tar.gz", TarGz.ServerPlugin("com.example.alpha", "3.0.0-beta.1", AllPlatforms, "10.5.0-rc.1", "Alpha"));
            Add("arm-only-1.tar.gz", TarGz.ServerPlugin("com.example.armonly", "1.0.0", ["linux-arm64"], "9.10.0", "arm only"));
            Add("arm-only-1-amd.tar.gz", TarGz.ServerPlugin("com.example.armonly", "1.0.0", ["darwin-amd64"], "9.10.0", "arm only"));
            Add("arm-only-0.tar.gz", TarGz.Plugin("com.example.armonly", "0.9.0", name: "arm only"));
            Add("ent-1.tar.gz", TarGz.Plugin("com.example.ent", "1.0.0", name: "Enterprise Thing"));
            Add("ent-2.tar.gz", TarGz.Plugin("com.example.ent", "1.1.0", minServer: "5.26.0", name: "Enterprise Thing"));
            Add("cloudy.tar.gz", TarGz.Plugin("com.example.cloudy", "0.1.0", minServer: "9.10.0", name: "cloudy"));
            Add("onprem.tar.gz", TarGz.Plugin("com.example.onprem", "4.0.0", minServer: "11.0.0", name: "On Prem"));
            Add("same-name.tar.gz", TarGz.Plugin("com.example.alpha2", "1.0.0", minServer: "10.5.0", name: "ALPHA"));
            var port = LocalServer.FreePort();
            BaseUrl = $"http://127.0.0.1:{port}/pm/";
            Result = Catalog.Build(baseUrl: BaseUrl);
            Server = startServer(Catalog.SiteDir, port, "/pm");
            Http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Mattermost-Bot", "1.1"));
            var plugins = JsonNode.Parse(File.ReadAllText(Path.Combine(Catalog.SiteDir, "plugins.json")))!.AsArray();
            Store = plugins.Select(e => OfficialModel.Entry.FromJson(e!)).ToList();
        }

        public TestCatalog Catalog { get; }

        public string BaseUrl { get; }

        public Core.Pipeline.BuildResult Result { get; }

        public LocalServer Server { get; }

        public HttpClient Http { get; } = new();

        /// <summary>The site's plugins.json, as the official service would load it.</summary>
        public IReadOnlyList<OfficialModel.Entry> Store { get; }

        private void Add(string file, TarGz bundle) => Catalog.Add(file, bundle.Build(), b => SharedKeys.Trusted.Sign(b));

        public void Dispose()
        {
            Http.Dispose();
            Server.Dispose();
            Catalog.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    [Fact]
    public async Task Server_shaped_queries_get_exactly_the_official_answers_and_every_bundle_served_verifies()
    {
        Assert.Equal(ExitCodes.Success, served.Result.ExitCode);
        var ids = served.Store.Select(e => e.Id).Distinct().ToList();
        var queries = QueryCorpus.Draw(new Random(2026), QueryCount, ids, QueryCorpus.ServerVersions(Thresholds));
        var downloads = new HashSet<OfficialModel.Served>();
        var nonEmpty = 0;
        foreach (var query in queries)
        {
            var text = query.ToServerQueryString();
            using var response = await served.Http.GetAsync($"{served.BaseUrl}api/v1/plugins?{text}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} for {text}");
            var actual = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => OfficialModel.Served.FromJson(e!)).ToList();
            var expected = OfficialModel.Answer(served.Store, text)!;
            Assert.True(expected.SequenceEqual(actual), $"{text}\nexpected: {string.Join(", ", expected)}\nactual:   {string.Join(", ", actual)}");
            downloads.UnionWith(actual);
            nonEmpty += actual.Count > 0 ? 1 : 0;
        }

        Assert.True(nonEmpty > QueryCount / 3, "too few queries had an answer to compare");
        await EachDistinctBundleVerifies(downloads);
    }

    /// <summary>gpgv once per distinct bundle and signature pair served (bounded by the catalog, not the query count).</summary>
    private async Task EachDistinctBundleVerifies(HashSet<OfficialModel.Served> downloads)
    {
        using var gpg = new Gpg();
        var keyring = gpg.KeyringFrom(Path.Combine(served.Catalog.SiteDir, "keys", "mirror-trusted-keys.asc"));
        using var folder = new TempDir();
        var pairs = downloads.Select(d => (d.DownloadUrl, d.Signature)).Distinct().ToList();
        Assert.True(pairs.Count >= 8, $"only {pairs.Count} distinct bundles served");
        foreach (var (url, signature) in pairs)
        {
            Assert.StartsWith(served.BaseUrl, url, StringComparison.Ordinal);
            var bundle = folder[Path.GetFileName(url)];
            await File.WriteAllBytesAsync(bundle, await served.Http.GetByteArrayAsync(url));
            await File.WriteAllBytesAsync(bundle + ".sig", Convert.FromBase64String(signature));
            Assert.Contains(gpg.Verify(bundle + ".sig", bundle, keyring), line => line.StartsWith("VALIDSIG ", StringComparison.Ordinal));
        }
    }
}
