namespace Mirror.Core.Rendering.Html;

/// <summary>HTML we produced ourselves (sanitized Markdown, for one): the only value templates write without escaping.</summary>
internal sealed record TrustedHtml(string Html)
{
    public override string ToString() => Html;
}
