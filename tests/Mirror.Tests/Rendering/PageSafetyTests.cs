using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Rendering;

/// <summary>
/// Everything in a bundle is untrusted: script payloads in every field end up as inert text on every page. The pages
/// are parsed as a browser parses them (AngleSharp), so what is checked is the DOM, not a pattern over the text.
/// </summary>
public sealed class PageSafetyTests
{
    [Fact]
    public void Script_payloads_in_every_text_field_and_url_are_inert_on_every_page()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted)
            .Settings("""{"title": "<script>alert(16)</script>", "plugins": {"com.example.hostile": {"author_type": "community"}}}""");
        catalog.Add("hostile.tar.gz", HostilePlugin.Bundle(), b => SharedKeys.Trusted.Sign(b));

        var result = catalog.Build();

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var pages = Directory.EnumerateFiles(catalog.SiteDir, "*.html", SearchOption.AllDirectories).ToList();
        Assert.Equal(5, pages.Count);
        foreach (var page in pages)
            AssertInert(new HtmlParser().ParseDocument(File.ReadAllText(page)));

        var plugin = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins", HostilePlugin.Id, "index.html")));
        Assert.Equal("<script>alert(1)</script> · <script>alert(16)</script>", plugin.Title);
        Assert.Equal("<script>alert(1)</script>", plugin.QuerySelector("h1")!.TextContent);
        Assert.Equal(string.Join(" ", HostilePlugin.Payloads), plugin.QuerySelector(".plugin-main .description")!.TextContent);
        var readme = plugin.QuerySelector(".readme")!;
        Assert.Equal(["https://example.com/docs", "mailto:admin@example.com", "docs/setup.md"],
            readme.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("<img src=x onerror=alert(6)>", readme.TextContent);
        Assert.Contains("[image: remote]", readme.TextContent);
        Assert.Contains("click", readme.TextContent);
        // The quote is escaped: the whole URL stays one attribute value, a harmless https link.
        Assert.Equal(["https://example.com/\"><script>alert(12)</script>"],
            plugin.QuerySelectorAll(".links a").Select(a => a.GetAttribute("href")));
        var settingsRow = plugin.QuerySelector(".settings tbody tr")!;
        Assert.Equal("<script>alert(14)</script>", settingsRow.QuerySelector("td code")!.TextContent);
        Assert.StartsWith("data:image/svg+xml;base64,", plugin.QuerySelector("img.icon")!.GetAttribute("src"), StringComparison.Ordinal);
    }

    /// <summary>Only our own script, no event handler, no inline SVG or frames, and no link a script could hide in.</summary>
    private static void AssertInert(IDocument document)
    {
        var script = Assert.Single(document.Scripts);
        Assert.Matches(@"^(\.\./)*assets/site\.js$", script.GetAttribute("src"));
        Assert.Empty(document.QuerySelectorAll("svg, iframe, object, embed, form, base, meta[http-equiv='refresh']"));
        foreach (var element in document.All)
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            foreach (var name in new[] { "href", "src" })
            {
                if (element.GetAttribute(name) is { } url)
                    Assert.Matches(@"^(https?://|mailto:|data:image/svg\+xml;base64,|[^:]*$)", url);
            }
        }
    }
}
