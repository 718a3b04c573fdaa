using System.Net;
using Scriban;
using Scriban.Parsing;

namespace Mirror.Core.Rendering.Html;

/// <summary>
/// Scriban escapes nothing by default: here every <c>{{ value }}</c> is HTML-escaped (quotes too, so values are safe
/// in quoted attributes), except <see cref="TrustedHtml"/>. Template text itself is written as it is.
/// </summary>
internal sealed class EscapingTemplateContext : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, textAsObject switch
        {
            null => null,
            TrustedHtml html => html.Html,
            _ => WebUtility.HtmlEncode(ObjectToString(textAsObject)),
        });

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        ValueTask.FromResult(Write(span, textAsObject));
}
