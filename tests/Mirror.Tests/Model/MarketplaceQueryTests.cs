using Mirror.Core.Model.Queries;
using Mirror.Tests.Support;
using Semver;

namespace Mirror.Tests.Model;

/// <summary>The query engine against the independent model of the official semantics, on random catalogs and queries.</summary>
public sealed class MarketplaceQueryTests
{
    private sealed record Entry(
        string Id, string Name, string Description, SemVersion Version, SemVersion? MinServerVersion, bool Enterprise, string Hosting,
        bool HasGenericBundle, IReadOnlyCollection<string> PlatformBundles) : IListingEntry
    {
        public OfficialModel.Entry ToModel() => new(
            Id, Name, Description, Version.ToString(), MinServerVersion?.ToString() ?? "", Enterprise, Hosting,
            HasGenericBundle ? Url(null) : "", HasGenericBundle ? Signature(null) : "",
            PlatformBundles.ToDictionary(p => p, p => new OfficialModel.Download(Url(p), Signature(p))));

        public string Url(string? platform) => $"https://mirror/{Id}-{Version}{(platform is null ? "" : "-" + platform)}.tar.gz";

        public string Signature(string? platform) => $"sig:{Id}:{Version}:{platform}";
    }

    private static readonly string[] Thresholds = ["5.12.0", "5.25.0", "5.26.0-rc.1", "9.5.0", "9.11.0", "10.5.0", "10.5.0-beta.2", "11.0.0-0"];

    private static List<Entry> RandomCatalog(Random random)
    {
        var entries = new List<Entry>();
        var pluginCount = random.Next(1, 9);
        for (var p = 0; p < pluginCount; p++)
        {
            var id = $"com.example.p{p}";
            var name = random.Next(4) == 0 ? "Same Name" : $"{(char)('A' + random.Next(26))}plugin {p}";
            var enterprise = random.Next(4) == 0;
            var hosting = new[] { "", "", "on-prem", "cloud" }[random.Next(4)];
            var versions = new HashSet<string>();
            var versionCount = random.Next(1, 5);
            for (var v = 0; v < versionCount; v++)
            {
                var version = random.Next(5) == 0 ? $"{random.Next(3)}.{random.Next(3)}.0-beta.{random.Next(3)}" : $"{random.Next(3)}.{random.Next(3)}.{random.Next(2)}";
                if (!versions.Add(version))
                    continue;
                var minimum = random.Next(4) == 0 ? null : SemVersion.Parse(Thresholds[random.Next(Thresholds.Length)], SemVersionStyles.Strict);
                var platforms = QueryCorpus.Platforms.Take(4).Where(_ => random.Next(3) == 0).ToList();
                var generic = platforms.Count == 0 || random.Next(3) > 0;
                entries.Add(new Entry(id, name, $"Does thing {p}", SemVersion.Parse(version, SemVersionStyles.Strict), minimum, enterprise, hosting, generic, platforms));
            }
        }

        return entries;
    }

    private static List<OfficialModel.Served> Engine(List<Entry> catalog, QueryParameters query) =>
        MarketplaceQuery.Run(catalog, query)
            .Select(a => new OfficialModel.Served(a.Entry.Id, a.Entry.Version.ToString(), a.Entry.Url(a.Platform), a.Entry.Signature(a.Platform)))
            .ToList();

    [Fact]
    public void Server_shaped_queries_answer_as_the_model_of_the_official_service()
    {
        var random = new Random(9);
        var versions = QueryCorpus.ServerVersions(Thresholds);
        for (var round = 0; round < 200; round++)
        {
            var catalog = RandomCatalog(random);
            var model = catalog.Select(e => e.ToModel()).ToList();
            var ids = catalog.Select(e => e.Id).Distinct().ToList();
            foreach (var query in QueryCorpus.Draw(random, 25, ids, versions))
            {
                var text = query.ToServerQueryString();
                Assert.Equal(query, QueryStringParser.Parse(text));
                Assert.Equal(OfficialModel.Answer(model, text), Engine(catalog, query));
            }
        }
    }

    [Fact]
    public void Paging_filter_and_odd_values_answer_as_the_model()
    {
        var random = new Random(13);
        string[] filters = ["", "  ", "plugin 1", "COM.EXAMPLE.P2", "thing", "com.example", "SAME"];
        string[] pages = ["", "0", "1", "2", "+1", "-1", "x", "9223372036854775807"];
        string[] perPages = ["", "-1", "0", "1", "2", "3", "-2", "1.5", "100"];
        string[] bools = ["", "true", "false", "1", "0", "t", "F", "TRUE", "False", "yes", "tRUE"];
        string[] servers = ["", "10.5.0", "5.24.0", "9.11.0-rc.1", "10.5", "v10.5.0", "10.05.0", "10.5.0+build.1", "10.5.0-"];
        for (var round = 0; round < 100; round++)
        {
            var catalog = RandomCatalog(random);
            var model = catalog.Select(e => e.ToModel()).ToList();
            for (var i = 0; i < 20; i++)
            {
                string Pick(string[] choices) => Uri.EscapeDataString(choices[random.Next(choices.Length)]);
                var text = $"page={Pick(pages)}&per_page={Pick(perPages)}&filter={Pick(filters)}&server_version={Pick(servers)}" +
                           $"&enterprise_plugins={Pick(bools)}&cloud={Pick(bools)}&return_all_versions={Pick(bools)}" +
                           $"&platform={QueryCorpus.Platforms[random.Next(5)]}&plugin_id={(random.Next(3) == 0 ? "com.example.p1" : "")}";
                var expected = OfficialModel.Answer(model, text);
                List<OfficialModel.Served>? actual;
                try
                {
                    actual = Engine(catalog, QueryStringParser.Parse(text));
                }
                catch (QueryException)
                {
                    actual = null;
                }

                Assert.True(Equals(expected, actual) || (expected is not null && actual is not null && expected.SequenceEqual(actual)), text);
            }
        }
    }

    private static Entry Named(string id, string version, string name) =>
        new(id, name, "", SemVersion.Parse(version, SemVersionStyles.Strict), null, false, "", true, []);

    private static string Answer(List<Entry> catalog, string query) =>
        string.Join(' ', MarketplaceQuery.Run(catalog, QueryStringParser.Parse(query)).Select(a => $"{a.Entry.Id}@{a.Entry.Version}"));

    [Fact]
    public void An_ids_versions_come_newest_first_whatever_each_is_named()
    {
        List<Entry> catalog = [Named("com.t.grow", "1.0.0", "Able Grow"), Named("com.t.grow", "3.0.0", "Middle Grow"),
            Named("com.t.grow", "2.0.0", "Zed Grow"), Named("com.t.other", "1.0.0", "Nice")];
        Assert.Equal("com.t.grow@3.0.0 com.t.grow@2.0.0 com.t.grow@1.0.0", Answer(catalog, "plugin_id=com.t.grow&return_all_versions=true"));
        Assert.Equal("com.t.grow@3.0.0 com.t.grow@2.0.0 com.t.grow@1.0.0 com.t.other@1.0.0", Answer(catalog, "return_all_versions=true"));
    }

    [Fact]
    public void A_dotted_capital_i_is_lower_cased_as_go_does_for_the_filter_and_the_order()
    {
        List<Entry> catalog = [Named("com.t.plat", "1.0.0", "Plat"), Named("com.t.ist", "1.0.0", "İstanbul")];
        Assert.Equal("com.t.ist@1.0.0", Answer(catalog, "filter=istanbul"));
        Assert.Equal("com.t.ist@1.0.0 com.t.plat@1.0.0", Answer(catalog, ""));
    }

    [Theory]
    [InlineData("page=0", "com.t.a@1.0.0 com.t.b@1.0.0")]
    [InlineData("page=1", "")]
    [InlineData("page=1&per_page=-1", "com.t.a@1.0.0 com.t.b@1.0.0")]
    [InlineData("page=1&per_page=1", "com.t.b@1.0.0")]
    public void Without_per_page_every_entry_is_on_the_first_page(string query, string expected) =>
        Assert.Equal(expected, Answer([Named("com.t.a", "1.0.0", "A"), Named("com.t.b", "1.0.0", "B")], query));

    [Theory]
    [InlineData("server_version=10.5", "server_version: \"10.5\" is not a semantic version such as 10.5.0")]
    [InlineData("server_version=v10.5.0", "server_version: \"v10.5.0\" is not a semantic version such as 10.5.0")]
    [InlineData("server_version=10.5.0+x", "server_version: \"10.5.0 x\" is not a semantic version such as 10.5.0")]
    [InlineData("page=x", "page: \"x\" is not an integer")]
    [InlineData("page=-1", "page: \"-1\" must not be negative")]
    [InlineData("per_page=1.5", "per_page: \"1.5\" is not an integer")]
    [InlineData("per_page=-2", "per_page: \"-2\" must be -1 (all), 0 or more")]
    [InlineData("cloud=yes", "cloud: \"yes\" is not true or false")]
    [InlineData("enterprise_plugins=on", "enterprise_plugins: \"on\" is not true or false")]
    [InlineData("return_all_versions=2", "return_all_versions: \"2\" is not true or false")]
    public void A_malformed_value_is_refused_naming_the_key_and_value(string query, string message) =>
        Assert.Equal(message, Assert.Throws<QueryException>(() => QueryStringParser.Parse(query)).Message);

    [Fact]
    public void Values_are_read_as_the_service_reads_them()
    {
        var query = QueryStringParser.Parse("?server_version=10.5.0%2Bbuild&server_version=1.0.0&cloud=T&filter=a+b&platform=linux%2Darm64&bad=%zz&plugin_id=x");
        Assert.Equal("10.5.0+build", query.ServerVersion!.ToString());
        Assert.True(query.Cloud);
        Assert.Equal("a b", query.Filter);
        Assert.Equal("linux-arm64", query.Platform);
        Assert.Equal("x", query.PluginId);
        Assert.Null(query.PerPage);
        Assert.Equal(new QueryParameters(), QueryStringParser.Parse(""));
    }

    [Fact]
    public void The_server_query_string_has_every_key_sorted()
    {
        var text = QueryParameters.ForServer(SemVersion.Parse("10.5.0"), "linux-amd64", pluginId: "com.x").ToServerQueryString();
        Assert.Equal("build_enterprise_ready=false&cloud=false&enterprise_plugins=false&filter=&local_only=false&page=0&platform=linux-amd64" +
                     "&plugin_id=com.x&remote_only=false&return_all_versions=false&server_version=10.5.0", text);
    }
}
