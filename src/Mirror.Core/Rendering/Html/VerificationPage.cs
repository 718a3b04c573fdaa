using Mirror.Core.Verification;

namespace Mirror.Core.Rendering.Html;

/// <summary>The model of <c>verification.html</c>: the report as a table, refusals first.</summary>
internal static class VerificationPage
{
    /// <param name="FileParts">The file's path cut after each '/', so that a narrow column breaks it only there.</param>
    /// <param name="Reason">Without the file (it has its own column) and without the code (shown beside it).</param>
    public sealed record Row(IReadOnlyList<string> FileParts, string Status, string Id, string Version, string Signer, string Reason, string ReasonCode, IReadOnlyList<string> Warnings);

    /// <summary>Which of the columns that may be empty for every row have something to show: no empty column.</summary>
    public sealed record Columns(bool Plugin, bool Version, bool Signer, bool Notes);

    public static object Model(IReadOnlyList<CheckedBundle> bundles)
    {
        var rows = bundles
            .OrderBy(b => b.IsPublished)
            .ThenBy(b => b.Candidate.RelativePath, StringComparer.Ordinal)
            .Select(b => new Row(FileParts(b.Candidate.RelativePath), Json.ReportFile.Status(b), b.Id ?? "", b.Version ?? "", b.Signature?.SignerUserId ?? "",
                WithoutCode(b.ReasonWithoutFile, b.ReasonCode), b.ReasonCode, b.Warnings))
            .ToList();
        return new
        {
            Rows = rows,
            Columns = new Columns(
                rows.Any(r => r.Id.Length > 0),
                rows.Any(r => r.Version.Length > 0),
                rows.Any(r => r.Signer.Length > 0),
                rows.Any(r => r.Reason.Length > 0 || r.ReasonCode.Length > 0 || r.Warnings.Count > 0)),
            Published = bundles.Count(b => b.IsPublished),
            Rejected = bundles.Count(b => !b.IsPublished),
            Report = Json.ReportFile.FileName,
        };
    }

    private static List<string> FileParts(string path)
    {
        var parts = path.Split('/');
        return parts.Select((part, i) => i < parts.Length - 1 ? part + "/" : part).ToList();
    }

    /// <summary>"unsigned: no detached signature…" beside the code <c>unsigned</c> says it twice; once is enough.</summary>
    private static string WithoutCode(string reason, string code) =>
        code.Length > 0 && reason.StartsWith(code + ": ", StringComparison.Ordinal) ? reason[(code.Length + 2)..] : reason;
}
