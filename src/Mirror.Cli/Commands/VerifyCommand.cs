using System.CommandLine;
using System.Text;
using Mirror.Core;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Scanning;
using Mirror.Core.Syncing;
using Mirror.Core.Verification;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror verify [CATALOG | BUNDLE...] [--keys PATH]... [--json]</c>: the checks of <c>build</c>, writing no site.</summary>
internal static class VerifyCommand
{
    public static Command Create(Output output)
    {
        var targets = new Argument<string[]>("CATALOG|BUNDLE")
        {
            Description = "A catalog folder [default: ./catalog], or bundle files (each with BUNDLE.sig or BUNDLE.asc beside it).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var keys = new Option<string[]>("--keys")
        {
            Description = "For bundle files: a trusted public key file or folder of them (repeatable) [default: ./catalog/keys].",
            HelpName = "PATH",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (the site's report.json) instead of a table." };
        var command = new Command("verify", "Check bundles as `build` does, without writing a site; same exit codes.")
        {
            targets, keys, json,
        };
        command.SetAction(parsed => Guarded.Run(output.Stderr, () =>
        {
            var given = parsed.GetValue(targets) ?? [];
            var input = Input(given, parsed.GetValue(keys) ?? []);
            var bundles = CatalogChecker.CheckAll(input, ArchiveLimits.Default);
            SkippedLinks.Write(input.SkippedLinks, output.Stderr);
            KeyWarnings.Write(input.Keyring.Warnings, output.Stderr);
            if (bundles.Count == 0)
                output.Stderr.WriteLine($"mirror: no *{CatalogScanner.BundleSuffix} bundles in {input.CatalogDir}");
            if (parsed.GetValue(json))
                output.Stdout.Write(Encoding.UTF8.GetString(ReportFile.Render(bundles)));
            else if (bundles.Count > 0)
                output.Stdout.Write(Table(bundles));
            var published = bundles.Count(b => b.IsPublished);
            var outcome = ExitCodes.ForOutcome(published, bundles.Count - published, strict: false);
            return IsCatalog(given) && TransferChanged(input.CatalogDir, output.Stderr) ? ExitCodes.Failure : outcome;
        }));
        return command;
    }

    /// <summary>
    /// A catalog carried across with its SHA256SUMS (written by <c>mirror sync</c>) must match it file for file: any
    /// difference is exit 1, whatever the bundles' checks say, since the catalog is not the one that was sent.
    /// </summary>
    private static bool TransferChanged(string catalogDir, TextWriter stderr)
    {
        var problems = TransferManifest.Check(catalogDir);
        foreach (var problem in problems)
            stderr.WriteLine($"mirror: {TransferManifest.FileName}: {problem}");
        if (problems.Count > 0)
            stderr.WriteLine($"mirror: the catalog differs from its {TransferManifest.FileName} in {problems.Count} place(s)");
        return problems.Count > 0;
    }

    private static bool IsCatalog(string[] targets) => targets.Length == 0 || (targets.Length == 1 && Directory.Exists(targets[0]));

    private static CatalogInput Input(string[] targets, string[] keys)
    {
        if (IsCatalog(targets))
        {
            if (keys.Length > 0)
                throw new MirrorException("--keys is for bundle files; a catalog's trusted keys are in CATALOG/keys/");
            return CatalogInput.Load(targets.Length == 0 ? Arguments.DefaultCatalog : targets[0]);
        }

        if (targets.FirstOrDefault(t => !File.Exists(t) && !Directory.Exists(t) && !t.EndsWith(CatalogScanner.BundleSuffix, StringComparison.Ordinal)) is { } missing)
            throw new MirrorException($"\"{missing}\" does not exist (give a catalog folder, or bundle files *{CatalogScanner.BundleSuffix})");
        if (targets.FirstOrDefault(Directory.Exists) is { } folder)
            throw new MirrorException($"\"{folder}\" is a folder: give either one catalog folder or bundle files, not both");
        var defaultKeys = Path.Combine(Arguments.DefaultCatalog, CatalogScanner.KeysFolder);
        if (keys.Length == 0 && !Directory.Exists(defaultKeys))
            throw new MirrorException($"no trusted keys: give --keys FILE|FOLDER (there is no {defaultKeys})");
        return CatalogInput.ForBundles(targets, keys.Length > 0 ? keys : [defaultKeys]);
    }

    /// <summary>The last column holds the reason of a rejected bundle, the warnings of a published one, escaped as a terminal shows them.</summary>
    private static string Table(IReadOnlyList<CheckedBundle> bundles) => TextTable.Render(
        ["STATUS", "FILE", "ID", "VERSION", "SIGNER", "REASON / WARNINGS"],
        bundles.OrderBy(b => b.Candidate.RelativePath, StringComparer.Ordinal)
            .Select(b => new[]
            {
                ReportFile.Status(b), b.Candidate.RelativePath, b.Id ?? "", b.Version ?? "", b.Signature?.SignerFingerprint ?? "",
                DisplayName.EscapeText(b.IsPublished ? string.Join("; ", b.Warnings.Select(w => "warning: " + w)) : b.ReasonWithoutFile),
            }));
}
