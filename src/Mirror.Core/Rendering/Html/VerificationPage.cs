using Mirror.Core.Verification;

namespace Mirror.Core.Rendering.Html;

/// <summary>The model of <c>verification.html</c>: the report as a table, refusals first.</summary>
internal static class VerificationPage
{
    public sealed record Row(string File, string Status, string Id, string Version, string Signer, string Reason, string ReasonCode, IReadOnlyList<string> Warnings);

    public static object Model(IReadOnlyList<CheckedBundle> bundles)
    {
        var rows = bundles
            .OrderBy(b => b.IsPublished)
            .ThenBy(b => b.Candidate.RelativePath, StringComparer.Ordinal)
            .Select(b => new Row(b.Candidate.RelativePath, Json.ReportFile.Status(b), b.Id ?? "", b.Version ?? "", b.Signature?.SignerUserId ?? "",
                b.Reason, b.ReasonCode, b.Warnings))
            .ToList();
        return new
        {
            Rows = rows,
            Published = bundles.Count(b => b.IsPublished),
            Rejected = bundles.Count(b => !b.IsPublished),
            Report = Json.ReportFile.FileName,
        };
    }
}
