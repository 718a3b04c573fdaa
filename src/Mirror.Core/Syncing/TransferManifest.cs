using System.Security.Cryptography;
using System.Text;
using Mirror.Core.Scanning;

namespace Mirror.Core.Syncing;

/// <summary>
/// <c>CATALOG/SHA256SUMS</c>, in <c>sha256sum</c> format: one line per file of the catalog (hidden files and folders
/// such as <c>.sync/</c> aside, and itself), sorted, so <c>sha256sum -c SHA256SUMS</c> and <c>mirror verify</c> prove
/// on the closed side that the catalog is what was synced.
/// </summary>
public static class TransferManifest
{
    public const string FileName = "SHA256SUMS";

    public static void Write(string catalogDir)
    {
        var text = new StringBuilder();
        foreach (var relative in Files(catalogDir))
            text.Append(Line(Hash(Path.Combine(catalogDir, relative)), relative));
        WholeFile.Write(Path.Combine(catalogDir, FileName), Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Every difference between the catalog and its SHA256SUMS, one line each naming the file; empty when none or when there is no SHA256SUMS.</summary>
    public static IReadOnlyList<string> Check(string catalogDir)
    {
        var path = Path.Combine(catalogDir, FileName);
        if (!File.Exists(path))
            return [];
        var problems = new List<string>();
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, number) in File.ReadAllLines(path, Encoding.UTF8).Select((l, i) => (l, i + 1)).Where(x => x.l.Length > 0))
        {
            if (Parse(line) is { } entry)
                listed[entry.Path] = entry.Hash;
            else
                problems.Add($"{FileName} line {number}: not a sha256sum line");
        }

        foreach (var (relative, hash) in listed.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var file = Path.Combine(catalogDir, relative);
            if (!File.Exists(file))
                problems.Add($"{DisplayName.Escape(relative)}: missing (listed in {FileName})");
            else if (!string.Equals(Hash(file), hash, StringComparison.OrdinalIgnoreCase))
                problems.Add($"{DisplayName.Escape(relative)}: changed since {FileName} was written (SHA-256 differs)");
        }

        foreach (var relative in Files(catalogDir).Where(f => !listed.ContainsKey(f)))
            problems.Add($"{DisplayName.Escape(relative)}: not listed in {FileName} (added since)");
        return problems;
    }

    private static IEnumerable<string> Files(string catalogDir)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden, IgnoreInaccessible = false };
        return Directory.EnumerateFiles(catalogDir, "*", options)
            .Select(f => Path.GetRelativePath(catalogDir, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != FileName)
            .Order(StringComparer.Ordinal);
    }

    private static string Hash(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>GNU's format: a name holding a backslash or a newline is escaped, and the line then starts with a backslash.</summary>
    private static string Line(string hash, string name)
    {
        var escaped = name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return (escaped.Length == name.Length ? "" : "\\") + $"{hash}  {escaped}\n";
    }

    private static string Unescape(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
            text.Append(name[i] == '\\' && i + 1 < name.Length ? name[++i] == 'n' ? '\n' : name[i] : name[i]);
        return text.ToString();
    }

    private static (string Hash, string Path)? Parse(string line)
    {
        var escaped = line.StartsWith('\\');
        if (escaped)
            line = line[1..];
        if (line.Length < 66 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*') || !line[..64].All(Uri.IsHexDigit))
            return null;
        var name = line[66..];
        if (escaped)
            name = Unescape(name);
        return name.Length == 0 || Path.IsPathRooted(name) || name.Split('/').Contains("..") ? null : (line[..64], name);
    }
}
