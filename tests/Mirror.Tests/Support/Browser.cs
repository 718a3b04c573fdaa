using Microsoft.Playwright;

namespace Mirror.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (which never downloads a browser here). Each page records what
/// a test must see empty: console errors, uncaught exceptions, dialogs (a script payload that ran), and every request
/// that left the site, which is refused.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: `apt-get install -y chromium` (.ci/run does)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        return new Browser(playwright, browser);
    }

    public sealed class WatchedPage(IPage page)
    {
        public IPage Page { get; } = page;

        public List<string> Problems { get; } = [];

        public List<string> Requests { get; } = [];
    }

    /// <param name="siteUrl">Requests under this URL are the site's own; anything else is aborted and reported.</param>
    public async Task<WatchedPage> OpenAsync(string siteUrl, int width = 1280, int height = 900, ColorScheme colors = ColorScheme.Light)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colors,
        });
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                watched.Problems.Add($"console error: {message.Text}");
        };
        page.PageError += (_, error) => watched.Problems.Add($"page error: {error}");
        page.Dialog += async (_, dialog) =>
        {
            watched.Problems.Add($"dialog: {dialog.Message}");
            await dialog.DismissAsync();
        };
        await page.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            watched.Requests.Add(url);
            if (url.StartsWith(siteUrl, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                watched.Problems.Add($"request left the site: {url}");
                await route.AbortAsync();
            }
        });
        return watched;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
    }
}
