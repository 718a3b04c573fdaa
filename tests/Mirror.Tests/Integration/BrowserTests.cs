using Microsoft.Playwright;
using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Tests.Support;

namespace Mirror.Tests.Integration;

/// <summary>
/// The pages in real headless Chromium, opened from the file system and through nginx: search, filters, a plugin
/// page, copy buttons; no console error, no dialog, no request outside the site. Screenshots go to artifacts/.
/// </summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class BrowserTests : IClassFixture<BrowserTests.Site>
{
    private readonly Site site;

    public BrowserTests(Site site) => this.site = site;

    /// <summary>The sample catalog plus a plugin full of script payloads, built once.</summary>
    public sealed class Site : IDisposable
    {
        private readonly TempDir temp = new();

        public Site()
        {
            var catalog = temp["catalog"];
            TempDir.CopyTree(RepoPaths.SampleCatalog, catalog);

            File.WriteAllBytes(Path.Combine(catalog, "keys", "tests.asc"), SharedKeys.Trusted.PublicArmored);
            var hostile = Path.Combine(catalog, "plugins", "hostile.tar.gz");
            File.WriteAllBytes(hostile, HostilePlugin.Bundle());
            File.WriteAllBytes(hostile + ".sig", SharedKeys.Trusted.Sign(File.ReadAllBytes(hostile)));
            var settings = Path.Combine(catalog, "mirror.json");
            File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"plugins\": {", "\"plugins\": {\n    \"com.example.hostile\": {\"author_type\": \"community\"},", StringComparison.Ordinal));
            Result = SiteBuilder.Build(new BuildRequest(catalog, Dir));
            Assert.Equal(ExitCodes.Success, Result.ExitCode);
        }

        internal BuildResult Result { get; }

        public string Dir => temp["site"];

        public string FileUrl => new Uri(Dir + "/").AbsoluteUri;

        public void Dispose() => temp.Dispose();
    }

    [Fact]
    public async Task Search_and_filters_narrow_the_cards_and_a_plugin_page_opens()
    {
        await using var browser = await Browser.LaunchAsync();
        var watched = await browser.OpenAsync(site.FileUrl);
        var page = watched.Page;
        await page.GotoAsync(site.FileUrl + "index.html");

        Assert.Equal(4, await VisibleCards(page));
        Assert.Equal("4 of 4 plugins", await page.TextContentAsync("#result-count"));
        await Screenshot(page, "catalog.png");

        await page.FillAsync("#search", "weather");
        Assert.Equal(["Weather Cards"], await VisibleNames(page));
        await page.FillAsync("#search", "COM.EXAMPLE.HELLO");
        Assert.Equal(["Hello Bot"], await VisibleNames(page));
        await page.FillAsync("#search", "guidelines");
        Assert.Equal(["Hello Bot"], await VisibleNames(page));
        await page.FillAsync("#search", "no such plugin");
        Assert.Equal(0, await VisibleCards(page));
        Assert.True(await page.IsVisibleAsync("#no-results"));
        await page.FillAsync("#search", "");

        // Works on 9.4.0: Hello Bot 1.0.0 needs 9.0.0; the hostile plugin names no minimum; the others need more.
        await page.FillAsync("#server-version", "9.4.0");
        Assert.Equal(["<script>alert(1)</script>", "Hello Bot"], await VisibleNames(page));
        await page.FillAsync("#server-version", "9.11.0");
        var hello = page.Locator("#cards > .card", new() { HasText = "Hello Bot" });
        Assert.Equal("On 9.11.0", await hello.Locator(".server-gets dt").TextContentAsync());
        Assert.Equal("1.0.0", await hello.Locator(".gets-version").TextContentAsync());
        Assert.False(await hello.Locator(".server-gets .badge.prerelease").IsVisibleAsync());
        Assert.True(await hello.Locator("dd .badge.prerelease").First.IsVisibleAsync()); // the latest, 2.0.0-beta.1, is marked
        await page.FillAsync("#server-version", "10.5.0");
        Assert.Equal(4, await VisibleCards(page));
        Assert.Equal("2.0.0-beta.1", await hello.Locator(".gets-version").TextContentAsync());
        Assert.True(await hello.Locator(".server-gets .badge.prerelease").IsVisibleAsync());
        await page.FillAsync("#server-version", "not a version");
        Assert.True(await page.IsVisibleAsync("#version-error"));
        await page.FillAsync("#server-version", "");
        Assert.False(await page.IsVisibleAsync("#version-error"));
        Assert.False(await hello.Locator(".server-gets").IsVisibleAsync());

        await page.CheckAsync("input[data-label-filter][value='community']");
        Assert.Equal(["<script>alert(1)</script>", "Weather Cards"], await VisibleNames(page));
        await page.CheckAsync("input[data-label-filter][value='beta']");
        Assert.Equal(["Weather Cards"], await VisibleNames(page));
        await page.UncheckAsync("input[data-label-filter][value='community']");
        await page.UncheckAsync("input[data-label-filter][value='beta']");

        await page.ClickAsync("text=Hello Bot");
        await WaitForPage(page, "/plugins/com.example.hello/index.html");
        Assert.Equal("Hello Bot", await page.TextContentAsync("h1"));
        Assert.Equal(3, await page.Locator("article.version").CountAsync());
        Assert.Equal("Download bundle", await page.TextContentAsync("#v2\\.0\\.0-beta\\.1 a.button"));
        Assert.Equal("prerelease", await page.TextContentAsync("#v2\\.0\\.0-beta\\.1 h3 .badge.prerelease"));
        Assert.Equal(["Server 10.5.0 or later", "Server 10.0.0 to below 10.5.0", "Server 9.0.0 to below 10.0.0", "Server below 9.0.0"],
            await page.Locator(".server-ranges dt").AllTextContentsAsync());
        Assert.Equal("1.0.0", await page.TextContentAsync(".server-ranges dd:nth-of-type(3)"));
        await Screenshot(page, "plugin.png");

        await page.ClickAsync("#v1\\.1\\.0 >> text=Details");
        await WaitForPage(page, "/plugins/com.example.hello/1.1.0/index.html");
        Assert.Equal("Hello Bot 1.1.0", await page.TextContentAsync("h1"));
        await Screenshot(page, "version.png");

        AssertClean(watched);
    }

    /// <summary>
    /// A page reached by a click, its HTML parsed, asked in the page itself (polled, which survives the navigation).
    /// Playwright's lifecycle events of these file:// navigations were missed under loaded CI runs: its waits for
    /// "load", for "DOMContentLoaded", and (when the address already matched) for the navigation's commit each timed
    /// out once, the last two after the page had loaded.
    /// </summary>
    private static async Task WaitForPage(IPage page, string path) =>
        await page.WaitForFunctionAsync("path => location.pathname.endsWith(path) && document.readyState !== 'loading'", path,
            new() { PollingInterval = 50 });

    [Fact]
    public async Task The_catalog_stays_usable_at_1000_plugins()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Stranger);
        Parallel.For(0, 1000, i => catalog.Add($"p{i:D4}.tar.gz",
            TarGz.Plugin($"com.example.p{i:D4}", "1.0.0", minServer: $"{9 + (i % 3)}.0.0", name: $"Plugin {i:D4}").Build(),
            b => SharedKeys.Stranger.Sign(b)));
        Assert.Equal(ExitCodes.Success, catalog.Build().ExitCode);
        var url = new Uri(catalog.SiteDir + "/").AbsoluteUri;

        await using var browser = await Browser.LaunchAsync();
        var watched = await browser.OpenAsync(url);
        var page = watched.Page;
        await page.GotoAsync(url + "index.html");

        Assert.Equal("1000 of 1000 plugins", await page.TextContentAsync("#result-count"));
        await page.FillAsync("#search", "p09");
        Assert.Equal("100 of 1000 plugins", await page.TextContentAsync("#result-count"));
        await page.FillAsync("#search", "com.example.p0999");
        Assert.Equal(["Plugin 0999"], await VisibleNames(page));
        await page.FillAsync("#search", "");
        await page.FillAsync("#server-version", "10.0.0");
        Assert.Equal("667 of 1000 plugins", await page.TextContentAsync("#result-count"));
        AssertClean(watched);
    }

    [Fact]
    public async Task Dark_and_narrow_screens_get_their_own_look()
    {
        await using var browser = await Browser.LaunchAsync();
        var dark = await browser.OpenAsync(site.FileUrl, colors: ColorScheme.Dark);
        await dark.Page.GotoAsync(site.FileUrl + "plugins/com.example.hello/index.html");
        Assert.Equal("rgb(17, 20, 26)", await dark.Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        await Screenshot(dark.Page, "plugin-dark.png");

        var phone = await browser.OpenAsync(site.FileUrl, width: 390, height: 844);
        await phone.Page.GotoAsync(site.FileUrl + "index.html");
        var cardWidth = await phone.Page.EvaluateAsync<double>("document.querySelector('#cards > .card').getBoundingClientRect().width");
        Assert.InRange(cardWidth, 300, 390);
        Assert.Equal(390, await phone.Page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        await Screenshot(phone.Page, "catalog-phone.png");

        AssertClean(dark);
        AssertClean(phone);
    }

    [Fact]
    public async Task Script_payloads_stay_text_and_nothing_runs()
    {
        await using var browser = await Browser.LaunchAsync();
        var watched = await browser.OpenAsync(site.FileUrl);
        var page = watched.Page;

        await page.GotoAsync(site.FileUrl + "plugins/com.example.hostile/index.html");
        Assert.Equal("<script>alert(1)</script>", await page.TextContentAsync("h1"));
        await page.GotoAsync(site.FileUrl + "index.html");
        await page.FillAsync("#search", "alert");
        Assert.Equal(["<script>alert(1)</script>"], await VisibleNames(page));

        AssertClean(watched);
    }

    [Fact]
    public async Task Setup_page_copy_buttons_copy_and_every_page_loads_cleanly_through_nginx()
    {
        await using var browser = await Browser.LaunchAsync();
        using var nginx = new NginxServer(site.Dir, LocalServer.FreePort());
        var siteUrl = $"http://127.0.0.1:{nginx.Port}/";
        var watched = await browser.OpenAsync(siteUrl);
        var page = watched.Page;

        foreach (var path in new[] { "index.html", "setup.html", "verification.html", "plugins/com.example.weather/index.html" })
        {
            var response = await page.GotoAsync(siteUrl + path);
            Assert.Equal(200, response!.Status);
        }

        await page.GotoAsync(siteUrl + "setup.html");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.ClickAsync("button[data-copy='url-1']");
        await Assertions.Expect(page.Locator("button[data-copy='url-1']")).ToHaveTextAsync("Copied");
        Assert.Equal($"{site.Result.Settings.BaseUrl.AbsoluteUri.TrimEnd('/')}/mm/9.11.0", await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        Assert.Equal(3, await page.Locator("details.config").CountAsync());
        await page.GotoAsync(siteUrl + "verification.html");
        Assert.Equal(7, await page.Locator("table.report tbody tr").CountAsync());

        AssertClean(watched);
    }

    [Fact]
    public async Task The_verification_page_breaks_file_names_only_between_words_and_has_no_empty_column()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("plugins/com.example.a-plugin-with-a-rather-long-name-1.0.0.tar.gz", TarGz.Plugin("com.example.long", "1.0.0").Build(), null);
        catalog.Add("plugins/com.example.good-1.0.0.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        Assert.Equal(ExitCodes.PartiallyPublished, catalog.Build().ExitCode);
        var url = new Uri(catalog.SiteDir + "/").AbsoluteUri;

        await using var browser = await Browser.LaunchAsync();
        var phone = await browser.OpenAsync(url, width: 390, height: 844);
        await phone.Page.GotoAsync(url + "verification.html");
        await Screenshot(phone.Page, "verification-phone.png");

        Assert.Empty(await phone.Page.EvaluateAsync<string[]>(BreaksInsideWords));
        Assert.Equal(["Status", "File", "Plugin", "Version", "Signed by", "Reason or warnings"],
            (await phone.Page.Locator("table.report th").AllTextContentsAsync()).Select(h => h.Trim()));
        Assert.Equal("unsigned no detached signature com.example.a-plugin-with-a-rather-long-name-1.0.0.tar.gz.sig beside it",
            await phone.Page.TextContentAsync("table.report tr.rejected td:last-child"));
        AssertClean(phone);
    }

    /// <summary>Every place a file name in the report wraps where the character before is not '/' or '-'.</summary>
    private const string BreaksInsideWords = """
        () => {
          const bad = [];
          for (const code of document.querySelectorAll("table.report td.file code")) {
            const chars = [];
            const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode())
              for (let i = 0; i < node.length; i++) chars.push([node, i]);
            const text = code.textContent;
            const range = document.createRange();
            let previousTop = null;
            chars.forEach(([node, i], k) => {
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const top = range.getBoundingClientRect().top;
              if (previousTop !== null && top > previousTop + 2 && !"/-".includes(text[k - 1]))
                bad.push(text.slice(0, k) + "|" + text.slice(k));
              previousTop = top;
            });
          }
          return bad;
        }
        """;

    private static void AssertClean(Browser.WatchedPage watched)
    {
        Assert.Empty(watched.Problems);
        Assert.NotEmpty(watched.Requests);
    }

    private static Task<int> VisibleCards(IPage page) => page.Locator("#cards > .card:visible").CountAsync();

    private static async Task<string[]> VisibleNames(IPage page) =>
        (await page.Locator("#cards > .card:visible .name").AllTextContentsAsync()).ToArray();

    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }
}
