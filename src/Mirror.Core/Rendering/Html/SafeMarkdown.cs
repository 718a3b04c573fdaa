using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Mirror.Core.Bundles;

namespace Mirror.Core.Rendering.Html;

/// <summary>
/// Markdown from a bundle (README, description) rendered for our pages: raw HTML is shown as text, links keep only
/// <c>http</c>, <c>https</c>, <c>mailto</c> and relative targets (Markdig's DisableHtml lets <c>javascript:</c> through),
/// and images become their alt text, since no page may load anything from outside the site. The pipeline is the one
/// the inspection checked the README with (<see cref="ReadmeMarkdown"/>), and defusing never nests deeper, so a README
/// a bundle keeps always renders.
/// </summary>
internal static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = ReadmeMarkdown.Pipeline;

    public static TrustedHtml ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
            Defuse(link);
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsAllowedTarget(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }

        using var writer = new StringWriter { NewLine = "\n" };
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new TrustedHtml(writer.ToString());
    }

    public static bool IsAllowedTarget(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return false;
        var trimmed = url.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && !trimmed.StartsWith('/'))
            return absolute.Scheme is "http" or "https" or "mailto";

        // A relative target must not smuggle a scheme: "java&#09;script:" is decoded by Markdig before we see it.
        var beforePath = trimmed.Split('/', '?', '#')[0];
        return !beforePath.Contains(':', StringComparison.Ordinal) && !trimmed.StartsWith("//", StringComparison.Ordinal);
    }

    private static void Defuse(LinkInline link)
    {
        if (link.IsImage)
        {
            var alt = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            link.ReplaceBy(new LiteralInline(alt.Length > 0 ? $"[image: {alt}]" : "[image]"), copyChildren: false);
        }
        else if (!IsAllowedTarget(link.Url))
        {
            link.ReplaceBy(new LinkTextOnly());
        }
    }

    /// <summary>Takes a link's children: its text stays, the link goes.</summary>
    private sealed class LinkTextOnly : ContainerInline;
}
