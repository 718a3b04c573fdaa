using System.Text.RegularExpressions;

namespace Mirror.Tests.Layout;

/// <summary>
/// The folders of <c>src/Mirror.Core</c> in the one order dependencies may follow: a file may use its own folder and
/// the folders listed before it, never one listed after. A new folder goes into <see cref="Order"/>: a capability
/// (a command of its own, like <c>keys</c> or <c>sign</c>) at the end, after the stages it uses; a helper the stages
/// themselves use, before the first stage that uses it.
/// </summary>
public static partial class CoreLayout
{
    public static readonly IReadOnlyList<string> Order =
    [
        // Shared ground every stage may use: the root (exit codes, errors, whole-file writes) and the settings.
        Root,
        "Settings",

        // The pipeline, in the order a build runs.
        "Scanning",
        "Bundles",
        "Verification",
        "Model",
        "Rendering",
        "Publishing",
        "Pipeline",

        // Capabilities: they use the stages (and the capabilities listed before them); no stage uses them.
        "KeyManagement",
        "Signing",
        "Syncing",
        "Serving",
        "Init",
    ];

    /// <summary>The files directly in <c>src/Mirror.Core</c>, namespace <c>Mirror.Core</c>.</summary>
    public const string Root = "";

    private const string Prefix = "Mirror.Core";

    /// <summary>
    /// Every arrow against <see cref="Order"/>, as one line each. <paramref name="files"/> are paths relative to
    /// <c>src/Mirror.Core</c> ('/' separators) with their text; a file uses a folder when it names its namespace
    /// (<c>using</c>, <c>using static</c>, an alias, a fully qualified name or a <c>cref</c>).
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<(string Path, string Text)> files)
    {
        var sources = files.ToList();
        var folders = sources.Select(f => FolderOf(f.Path)).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var folder in folders.Where(f => !Order.Contains(f)).Order(StringComparer.Ordinal))
            problems.Add($"{folder}/ is not in the layout: add it to {nameof(CoreLayout)}.{nameof(Order)} (a capability goes at the end)");

        foreach (var (path, text) in sources.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var folder = FolderOf(path);
            var declared = DeclaredNamespace().Match(text);
            var expected = folder == Root ? Prefix : $"{Prefix}.{folder}";
            if (!declared.Success || !(declared.Groups[1].Value == expected || declared.Groups[1].Value.StartsWith(expected + ".", StringComparison.Ordinal)))
                problems.Add($"{path}: declares namespace {(declared.Success ? declared.Groups[1].Value : "(none)")}, not one of its folder ({expected})");
            if (!Order.Contains(folder))
                continue;

            var body = declared.Success ? text.Remove(declared.Index, declared.Length) : text;
            foreach (var used in UsedFolders(body, folders).Where(u => Rank(u) > Rank(folder)).Order(StringComparer.Ordinal))
                problems.Add($"{path}: {Describe(folder)} uses {Describe(used)}, which comes after it in the layout");
        }

        return problems;
    }

    /// <summary>The real tree: every <c>*.cs</c> of <c>src/Mirror.Core</c> (build output aside).</summary>
    public static IEnumerable<(string Path, string Text)> SourceFiles(string coreDir) =>
        Directory.EnumerateFiles(coreDir, "*.cs", SearchOption.AllDirectories)
            .Select(full => Path.GetRelativePath(coreDir, full).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(path => (path, File.ReadAllText(Path.Combine(coreDir, path))));

    private static string FolderOf(string path) => path.Contains('/') ? path[..path.IndexOf('/')] : Root;

    private static int Rank(string folder) => Order.ToList().IndexOf(folder);

    private static string Describe(string folder) => folder == Root ? $"{Prefix} (root)" : folder;

    /// <summary><c>Mirror.Core.X…</c> names folder X when X is a folder; otherwise it is a type of the root.</summary>
    private static IEnumerable<string> UsedFolders(string body, HashSet<string> folders) =>
        UsedNamespace().Matches(body)
            .Select(m => m.Groups[1].Value)
            .Select(segment => folders.Contains(segment) ? segment : Root)
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex DeclaredNamespace();

    [GeneratedRegex(@"(?<![\w.])Mirror\.Core\.(\w+)")]
    private static partial Regex UsedNamespace();
}
