using Mirror.Core.Rendering.Html;
using Mirror.Tests.Support;
using Scriban;

namespace Mirror.Tests.Rendering;

/// <summary>Pages are streamed into a layout only when it writes its content once, as it is.</summary>
public sealed class LayoutContentTests
{
    [Fact]
    public void The_built_in_layout_takes_streamed_pages()
    {
        var layout = Template.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "layout.html")));
        Assert.True(LayoutContent.WrittenOnceAsIs(layout));
    }

    [Theory]
    [InlineData("<main>{{ content }}</main>", true)]
    [InlineData("<main>{{ content | string.upcase }}</main>", false)]
    [InlineData("{{ if content | string.contains \"x\" }}x{{ end }}{{ content }}", false)]
    [InlineData("{{ if true }}{{ content }}{{ end }}", false)]
    [InlineData("{{ content }}{{ content }}", false)]
    [InlineData("{{ this.content }}", false)]
    [InlineData("<p>no content</p>", false)]
    public void Only_content_written_once_as_it_is_at_the_top_level_is_streamed(string text, bool streamed) =>
        Assert.Equal(streamed, LayoutContent.WrittenOnceAsIs(Template.Parse(text)));
}
