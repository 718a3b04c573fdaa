using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Integration;

/// <summary>
/// Unusual base paths: letters of any script and '~' are served by the generated configs under real nginx and Apache;
/// the characters they cannot express are refused with exit 2, named.
/// </summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class BasePathTests
{
    private const string EncodedPath = "/caf%C3%A9~%E7%BE%8E/mirror";
    private const string DecodedPath = "/café~美/mirror";

    [Fact]
    public async Task A_non_ascii_base_path_is_served_by_nginx_and_apache()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        var port = LocalServer.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}{EncodedPath}/";
        Assert.Equal(ExitCodes.Success, catalog.Build(baseUrl: baseUrl).ExitCode);
        Assert.Contains($"location ^~ {DecodedPath}/ {{", File.ReadAllText(Path.Combine(catalog.SiteDir, "nginx/mirror.conf")));

        using (new NginxServer(catalog.SiteDir, port))
            await AnswersTheInstallQuery(baseUrl);
        using (new ApacheServer(catalog.SiteDir, port, DecodedPath))
            await AnswersTheInstallQuery(baseUrl);
    }

    private static async Task AnswersTheInstallQuery(string baseUrl)
    {
        using var http = new HttpClient();
        var answer = JsonNode.Parse(await http.GetStringAsync($"{baseUrl}api/v1/plugins?plugin_id=com.example.good&server_version=10.5.0"))!.AsArray();
        var entry = Assert.Single(answer)!;
        Assert.Equal("com.example.good", entry["manifest"]!["id"]!.GetValue<string>());
        var url = entry["download_url"]!.GetValue<string>();
        Assert.StartsWith(baseUrl, url, StringComparison.Ordinal);
        Assert.True((await http.GetByteArrayAsync(url)).Length > 0);
    }

    [Theory]
    [InlineData("http://mirror.example.com/a b/", "a space in its path")]
    [InlineData("http://mirror.example.com/a;b/", "the character ';' in its path")]
    [InlineData("http://mirror.example.com/a$b/", "the character '$' in its path")]
    [InlineData("http://mirror.example.com/a{b}/", "the character '{' in its path")]
    [InlineData("http://mirror.example.com/a\"b/", "the character '\"' in its path")]
    [InlineData("http://mirror.example.com/a%2Fb/", "an encoded '/' (%2F) in its path")]
    [InlineData("http://mirror.example.com/a%00b/", "the character U+0000 in its path")]
    [InlineData("http://mirror.example.com/a//b/", "an empty, \".\" or \"..\" path segment")]
    [InlineData("http://mirror.example.com//", "an empty, \".\" or \"..\" path segment")]
    [InlineData("http://mirror.example.com/a//", "an empty, \".\" or \"..\" path segment")]
    public void A_base_path_the_configs_cannot_express_is_exit_2_naming_the_character(string baseUrl, string what)
    {
        using var catalog = TestCatalog.WithGoodBundle();
        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--base-url", baseUrl);
        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.StartsWith($"mirror: --base-url: \"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"\" has {what}, which the generated nginx and Apache configs cannot express;", result.Stderr);
        Assert.False(Directory.Exists(catalog.SiteDir));
    }
}
