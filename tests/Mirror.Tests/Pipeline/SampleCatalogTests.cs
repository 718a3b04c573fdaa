using System.Text.RegularExpressions;
using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Core.Rendering.Routing;
using Mirror.Tests.Support;

namespace Mirror.Tests.Pipeline;

/// <summary>The sample catalog, built once: golden files for every kind of JSON and config we emit, and byte-for-byte reproducibility.</summary>
public sealed class SampleCatalogTests : IClassFixture<SampleCatalogTests.Built>
{
    private readonly Built built;

    public SampleCatalogTests(Built built) => this.built = built;

    public sealed class Built : IDisposable
    {
        internal TempDir Temp { get; } = new();

        public Built() => Result = SiteBuilder.Build(new BuildRequest(RepoPaths.SampleCatalog, Site));

        internal BuildResult Result { get; }

        public string Site => Temp["site"];

        public void Dispose() => Temp.Dispose();
    }

    [Fact]
    public void The_sample_catalog_publishes_everything() => Assert.Equal(ExitCodes.Success, built.Result.ExitCode);

    [Theory]
    [InlineData("", "000|11.0.0|linux-amd64", "api-listing.json")]
    [InlineData("", "000|9.11.0|linux-amd64", "api-listing-9.11.0.json")]
    [InlineData("com.example.hello", "001|10.5.0|linux-arm64", "api-hello-all.json")]
    [InlineData("com.example.weather", "000|0.1.0|linux-amd64", "api-empty.json")]
    public void Answers_picked_by_the_route_rules_match_their_golden_files(string pluginId, string key, string golden)
    {
        var routes = ApiRoutes.Plan(built.Result.Catalog, built.Result.Settings.BaseUrl, (_, _, _) => { }, built.Temp.Path);
        var route = pluginId.Length == 0 ? routes.Listing : routes.ById.Single(r => r.PluginId == pluginId);
        var rule = route.Rules.First(r => Regex.IsMatch(key, r.Pattern));
        Golden.Verify(golden, File.ReadAllText(Path.Combine(built.Site, rule.AnswerFile)));
    }

    [Theory]
    [InlineData("plugins.json", "plugins.json")]
    [InlineData("site.json", "site.json")]
    [InlineData("report.json", "report.json")]
    [InlineData("nginx/mirror.conf", "nginx-mirror.conf")]
    [InlineData(".htaccess", "htaccess.conf")]
    [InlineData("index.html", "page-index.html")]
    [InlineData("plugins/com.example.hello/index.html", "page-plugin-hello.html")]
    [InlineData("plugins/com.example.weather/index.html", "page-plugin-weather.html")]
    [InlineData("plugins/com.example.hello/1.1.0/index.html", "page-version-hello-1.1.0.html")]
    [InlineData("setup.html", "page-setup.html")]
    [InlineData("verification.html", "page-verification.html")]
    public void Output_matches_its_golden_file(string sitePath, string golden) =>
        Golden.Verify(golden, File.ReadAllText(Path.Combine(built.Site, sitePath)));

    [Fact]
    public void The_site_tree_matches_its_golden_file() =>
        Golden.Verify("site-tree.txt", string.Join('\n', Directory.EnumerateFiles(built.Site, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(built.Site, f)).Order(StringComparer.Ordinal)) + "\n");

    [Fact]
    public void A_second_build_with_other_file_times_and_working_folder_is_byte_identical()
    {
        using var copy = new TempDir();
        TempDir.CopyTree(RepoPaths.SampleCatalog, copy["catalog"]);
        var random = new Random(7);
        foreach (var file in Directory.EnumerateFiles(copy["catalog"], "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(5000)));

        WorkingDirectory.In(copy.Path, () => SiteBuilder.Build(new BuildRequest("catalog", "site")));

        Assert.Equal(SiteSnapshot.Of(built.Site), SiteSnapshot.Of(copy["site"]));
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void The_check_it_yourself_commands_of_a_version_page_verify_the_bundle_with_gpgv()
    {
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(
            File.ReadAllText(Path.Combine(built.Site, "plugins/com.example.hello/1.1.0/index.html")));
        var commands = page.QuerySelector("#commands")!.TextContent;
        using var folder = new TempDir();
        foreach (var link in page.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!).Distinct())
        {
            var file = Path.GetFullPath(Path.Combine(built.Site, "plugins/com.example.hello/1.1.0", Uri.UnescapeDataString(link)));
            File.Copy(file, folder[Path.GetFileName(file)], overwrite: true);
        }

        using var gpg = new Gpg();
        var result = Tool.Run("bash", ["-c", $"set -e; cd {folder.Path}; {commands.Replace("\n", "; ", StringComparison.Ordinal)}"], gpg.Environment);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Good signature from \"Plugin Mirror Sample Publisher", result.Stderr);
        Assert.Equal(page.QuerySelector("code.hash")!.TextContent, result.Stdout.Split(' ')[0]);
    }
}
