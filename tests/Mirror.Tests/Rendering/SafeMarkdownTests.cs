using Mirror.Core.Rendering.Html;

namespace Mirror.Tests.Rendering;

public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("[a](javascript:alert(1))", "<p>a</p>\n")]
    [InlineData("[a](  JavaScript:alert(1))", "<p>a</p>\n")]
    [InlineData("[a](java&#09;script:alert(1))", "<p>a</p>\n")]
    [InlineData("[a](vbscript:msgbox)", "<p>a</p>\n")]
    [InlineData("[a](data:text/html;base64,PHNjcmlwdD4=)", "<p>a</p>\n")]
    [InlineData("[a](//evil.example.com/x)", "<p>a</p>\n")]
    [InlineData("<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n")]
    [InlineData("[a](https://example.com/x?y=1#z)", "<p><a href=\"https://example.com/x?y=1#z\">a</a></p>\n")]
    [InlineData("[a](http://example.com)", "<p><a href=\"http://example.com\">a</a></p>\n")]
    [InlineData("[a](mailto:x@example.com)", "<p><a href=\"mailto:x@example.com\">a</a></p>\n")]
    [InlineData("<x@example.com>", "<p><a href=\"mailto:x@example.com\">x@example.com</a></p>\n")]
    [InlineData("[a](docs/setup.md#top)", "<p><a href=\"docs/setup.md#top\">a</a></p>\n")]
    [InlineData("![logo](https://cdn.example.com/logo.png)", "<p>[image: logo]</p>\n")]
    [InlineData("![](local.png)", "<p>[image]</p>\n")]
    [InlineData("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n")]
    [InlineData("<div onclick=\"alert(1)\">x</div>", "<p>&lt;div onclick=&quot;alert(1)&quot;&gt;x&lt;/div&gt;</p>\n")]
    [InlineData("**bold** and `code`", "<p><strong>bold</strong> and <code>code</code></p>\n")]
    public void Links_keep_only_safe_targets_and_html_stays_text(string markdown, string html) =>
        Assert.Equal(html, SafeMarkdown.ToHtml(markdown).Html);
}
