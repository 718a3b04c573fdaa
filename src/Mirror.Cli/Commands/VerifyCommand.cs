using System.CommandLine;
using System.Text;
using Mirror.Core;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Pipeline;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Verification;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror verify [CATALOG] [--json]</c>: the checks of <c>build</c>, writing no site.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var catalog = new Argument<string>("CATALOG")
        {
            Description = "The catalog folder to check.",
            DefaultValueFactory = _ => "./catalog",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (the site's report.json) instead of a table." };
        var command = new Command("verify", "Check every bundle of a catalog as `build` does, without writing a site; same exit codes.")
        {
            catalog, json,
        };
        command.SetAction(parsed => Guarded.Run(stderr, () =>
        {
            var input = CatalogInput.Load(parsed.GetValue(catalog)!);
            var bundles = SiteBuilder.CheckAll(input, ArchiveLimits.Default, incomingFolder: null);
            if (parsed.GetValue(json))
                stdout.Write(Encoding.UTF8.GetString(ReportFile.Render(bundles)));
            else
                stdout.Write(Table(bundles));
            var published = bundles.Count(b => b.IsPublished);
            return ExitCodes.ForOutcome(published, bundles.Count - published, strict: false);
        }));
        return command;
    }

    private static string Table(IReadOnlyList<CheckedBundle> bundles)
    {
        var rows = bundles.OrderBy(b => b.Candidate.RelativePath, StringComparer.Ordinal)
            .Select(b => new[] { b.Status, b.Candidate.RelativePath, b.Id ?? "", b.Version ?? "", b.Signature?.SignerFingerprint ?? "", ReasonOnly(b) })
            .Prepend(["STATUS", "FILE", "ID", "VERSION", "SIGNER", "REASON"])
            .ToList();
        var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Take(5).Select((cell, i) => cell.PadRight(widths[i]))) + "  " + row[5]);
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>The reason without the "FILE: " prefix, which the FILE column already shows.</summary>
    private static string ReasonOnly(CheckedBundle bundle)
    {
        var prefix = bundle.Candidate.RelativePath + ": ";
        return bundle.Reason.StartsWith(prefix, StringComparison.Ordinal) ? bundle.Reason[prefix.Length..] : bundle.Reason;
    }
}
