using System.Net;
using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Mirror.Core.Rendering.Html;

/// <summary>
/// Scriban escapes nothing by default: here every <c>{{ value }}</c> is HTML-escaped (quotes too, so values are safe
/// in quoted attributes), except <see cref="TrustedHtml"/>. Template text itself is written as it is.
/// </summary>
internal sealed class EscapingTemplateContext() : TemplateContext(SharedBuiltins)
{
    /// <summary>
    /// One set of Scriban's builtin functions for every page: by default each context deep-copies them, a tenth of a
    /// cold build's time. Read-only, so that no page (nor a <c>--templates</c> override) can change what the next one sees.
    /// </summary>
    private static readonly ScriptObject SharedBuiltins = ReadOnlyBuiltins();

    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, textAsObject switch
        {
            null => null,
            TrustedHtml html => html.Html,
            _ => WebUtility.HtmlEncode(ObjectToString(textAsObject)),
        });

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        ValueTask.FromResult(Write(span, textAsObject));

    private static BuiltinFunctions ReadOnlyBuiltins()
    {
        var builtins = new BuiltinFunctions();
        foreach (var functions in builtins.Values.OfType<ScriptObject>())
            functions.IsReadOnly = true;
        builtins.IsReadOnly = true;
        return builtins;
    }
}
