using Scriban;
using Scriban.Syntax;

namespace Mirror.Core.Rendering.Html;

/// <summary>
/// Whether a layout writes its <c>content</c> exactly once, as it is, at its top level: only then can a page be
/// streamed into the layout's place for it. A layout that tests, filters, repeats or leaves out the content gets each
/// page rendered whole.
/// </summary>
internal static class LayoutContent
{
    private const string Name = "content";

    public static bool WrittenOnceAsIs(Template layout) =>
        layout.Page?.Body is { } body &&
        body.Statements.Count(s => s is ScriptExpressionStatement { Expression: ScriptVariable { Name: Name } }) == 1 &&
        Nodes(layout.Page).Count(n => n is ScriptVariable { Name: Name } or ScriptIdentifier { Value: Name } or ScriptThisExpression) == 1;

    private static IEnumerable<ScriptNode> Nodes(ScriptNode node) => node.Children.Where(c => c is not null).SelectMany(Nodes).Prepend(node);
}
