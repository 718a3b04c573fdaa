using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Rendering;

/// <summary><c>mirror build --templates DIR</c>: a site's own templates, file by file; a broken one stops the build cleanly.</summary>
public sealed class TemplatesFlagTests
{
    [Fact]
    public void Files_of_the_templates_folder_replace_the_built_in_ones_and_the_rest_stay()
    {
        using var catalog = OneGoodBundle();
        using var templates = new TempDir();
        Directory.CreateDirectory(templates["assets"]);
        File.WriteAllText(templates["assets/style.css"], "body { color: rebeccapurple; }\n");
        File.WriteAllText(templates["assets/logo.txt"], "extra asset\n");
        File.WriteAllText(templates["layout.html"], "<!DOCTYPE html><title>{{ heading }}</title><main>{{ content }}</main>\n");

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--templates", templates.Path);

        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Equal("body { color: rebeccapurple; }\n", File.ReadAllText(Path.Combine(catalog.SiteDir, "assets/style.css")));
        Assert.Equal("extra asset\n", File.ReadAllText(Path.Combine(catalog.SiteDir, "assets/logo.txt")));
        Assert.True(File.Exists(Path.Combine(catalog.SiteDir, "assets/site.js")));
        var index = File.ReadAllText(Path.Combine(catalog.SiteDir, "index.html"));
        Assert.StartsWith("<!DOCTYPE html><title>Plugins</title><main><section class=\"intro\">", index, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<a>{{ content }}</a><b>{{ content }}</b>\n", "<a>BODY</a><b>BODY</b>\n")]
    [InlineData("<p>no content</p>\n", "<p>no content</p>\n")]
    [InlineData("<x>\r\n{{ content }}\r</x>\r\n", "<x>\nBODY\n</x>\n")]
    [InlineData("{{ if content | string.contains \"class=\" }}HAS{{ end }}\n{{ content }}", "HAS\nBODY")]
    [InlineData("{{ for i in 1..2 }}{{ content }}{{ end }}", "BODYBODY")]
    public void A_page_streamed_into_its_layout_is_the_page_rendered_whole_whatever_the_layout_does_with_it(string layout, string expected)
    {
        using var catalog = OneGoodBundle();
        using var templates = new TempDir();
        File.WriteAllText(templates["layout.html"], "{{ content }}");
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--templates", templates.Path).Code);
        var body = File.ReadAllText(Path.Combine(catalog.SiteDir, "index.html"));
        Assert.Contains("<section class=\"intro\">", body, StringComparison.Ordinal);

        File.WriteAllText(templates["layout.html"], layout);
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--templates", templates.Path).Code);

        Assert.Equal(expected.Replace("BODY", body, StringComparison.Ordinal), File.ReadAllText(Path.Combine(catalog.SiteDir, "index.html")));
    }

    [Fact]
    public void A_value_holding_the_streaming_marker_does_not_pull_the_page_into_a_layout_that_leaves_it_out()
    {
        using var catalog = OneGoodBundle();
        using var templates = new TempDir();
        File.WriteAllText(templates["layout.html"], "<title>{{ site_title }}</title>\n");
        const string title = "X\u0001plugin-mirror:page-content\u0001Y";

        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--templates", templates.Path, "--title", title).Code);

        Assert.Equal($"<title>{title}</title>\n", File.ReadAllText(Path.Combine(catalog.SiteDir, "setup.html")));
    }

    [Fact]
    public void A_missing_templates_folder_is_bad_usage()
    {
        using var catalog = OneGoodBundle();
        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--templates", "/no/such/templates");
        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Contains("mirror: --templates folder \"/no/such/templates\" does not exist\n", result.Stderr);
        Assert.False(Directory.Exists(catalog.SiteDir));
    }

    [Theory]
    [InlineData("{{ for x in page.versions }}", "plugin.html(1,")]
    [InlineData("{{ page.no_such_field }}", "plugin.html(1,")]
    // Scriban's builtins are shared by every page, so a template may use them but not change them.
    [InlineData("{{ date.format = '%Y' }}", "plugin.html(1,4) : error : Unexpected exception while accessing target expression: The object is readonly")]
    // An endless loop or recursion ends at the limits, not in a hang or a stack overflow.
    [InlineData("{{ while true }}x{{ end }}", "Exceeding number of iteration limit `1000000` for loop statement")]
    [InlineData("{{ func f; f; end; f }}", "Exceeding number of recursive depth limit `100`")]
    public void A_broken_template_stops_the_build_naming_the_file_and_keeps_the_previous_site(string template, string where)
    {
        using var catalog = OneGoodBundle();
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir).Code);
        var before = SiteSnapshot.Of(catalog.SiteDir);
        using var templates = new TempDir();
        File.WriteAllText(templates["plugin.html"], template);

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--templates", templates.Path);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Contains($"mirror: {templates["plugin.html"]}", result.Stderr);
        Assert.Contains(where, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal(before, SiteSnapshot.Of(catalog.SiteDir));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Path.GetDirectoryName(catalog.SiteDir)!), e => e.EndsWith(".staging", StringComparison.Ordinal));
    }

    private static TestCatalog OneGoodBundle()
    {
        var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        return catalog;
    }
}
