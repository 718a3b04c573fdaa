using Markdig;

namespace Mirror.Core.Bundles;

/// <summary>
/// How a bundle's README.md is read as Markdown: by the inspection, which keeps only a README that can be rendered,
/// and by the pages, which render it (<c>SafeMarkdown</c>). One pipeline, so that both agree.
/// </summary>
internal static class ReadmeMarkdown
{
    /// <summary>
    /// The largest README rendered as Markdown. Some Markdown takes Markdig time that grows with the square of its length:
    /// 64 KiB of unclosed link openers ("[a](" repeated) took 2 s, 1 MiB about ten minutes, for a single bundle.
    /// </summary>
    public const int MaxBytes = 64 * 1024;

    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    /// <summary>
    /// Whether Markdig renders it. Markdig refuses (with an <see cref="ArgumentException"/>) Markdown nested beyond its
    /// limits, which its parser and its renderer count apart (quotes from 128 levels, lists from 64, emphasis from
    /// 255 when rendered), so the check is a whole rendering, into nothing.
    /// </summary>
    public static bool CanRender(string markdown)
    {
        try
        {
            Markdown.ToHtml(markdown, TextWriter.Null, Pipeline);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
