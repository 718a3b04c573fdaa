using System.Numerics;
using System.Text;
using Semver;

namespace Mirror.Core.Rendering.Routing;

/// <summary>
/// Regular expressions (PCRE, as nginx and Apache use them) over a <c>server_version</c> exactly as it arrives in the
/// query string: <see cref="Valid"/> accepts what the official service parses (strict semver; build metadata after
/// '%2B', the only escape a Mattermost server writes), and <see cref="AtLeast"/> compares with a threshold by semver
/// precedence (9.10.0 &gt; 9.5.0, 10.5.0-rc1 &lt; 10.5.0), so that a web server can pick the answer by version.
/// </summary>
public static class VersionPatterns
{
    private const string Number = "(?:0|[1-9][0-9]*)";
    private const string Identifier = "[0-9A-Za-z-]+";
    private const string Alphanumeric = "[0-9]*[A-Za-z-][0-9A-Za-z-]*";
    private const string PrereleaseIdentifier = $"(?:{Number}|{Alphanumeric})";
    private const string AnyPrerelease = $"(?:-{PrereleaseIdentifier}(?:\\.{PrereleaseIdentifier})*)?";
    private const string Metadata = $"(?:%2[Bb]{Identifier}(?:\\.{Identifier})*)?";

    /// <summary>The characters of identifiers, in ASCII order (semver compares alphanumeric identifiers by ASCII).</summary>
    private const string IdentifierChars = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A valid server version, the whole value (anchored).</summary>
    public const string Valid = $"^{Number}\\.{Number}\\.{Number}{AnyPrerelease}{Metadata}$";

    /// <summary>The body (unanchored) of a pattern matching the valid versions that are at least <paramref name="threshold"/>.</summary>
    public static string AtLeast(SemVersion threshold)
    {
        var (major, minor, patch) = (Digits(threshold.Major), Digits(threshold.Minor), Digits(threshold.Patch));
        var newerCore = $"(?:{Greater(major)}\\.{Number}\\.{Number}|{major}\\.{Greater(minor)}\\.{Number}|{major}\\.{minor}\\.{Greater(patch)})";
        var sameCore = $"{major}\\.{minor}\\.{patch}";
        var sameCoreTail = threshold.IsPrerelease
            ? $"(?:-(?:{GreaterPrerelease(threshold.PrereleaseIdentifiers.Select(i => i.Value).ToList())}|{Escape(threshold.Prerelease)}))?"
            : "";
        return $"(?:{newerCore}{AnyPrerelease}|{sameCore}{sameCoreTail}){Metadata}";
    }

    /// <summary>Decimal numbers (no leading zeros) greater than <paramref name="n"/>: more digits, or as many and greater at the first difference.</summary>
    private static string Greater(string n)
    {
        var choices = new List<string> { $"[1-9][0-9]{{{n.Length},}}" };
        for (var i = 0; i < n.Length; i++)
        {
            if (n[i] == '9')
                continue;
            var rest = n.Length - i - 1;
            choices.Add($"{n[..i]}[{(char)(n[i] + 1)}-9]{(rest > 0 ? $"[0-9]{{{rest}}}" : "")}");
        }

        return $"(?:{string.Join('|', choices)})";
    }

    /// <summary>
    /// Prereleases greater than <paramref name="identifiers"/> (semver §11.4): equal up to some identifier that is
    /// greater, or equal in all of them and longer.
    /// </summary>
    private static string GreaterPrerelease(List<string> identifiers)
    {
        var choices = new List<string>();
        for (var i = 0; i < identifiers.Count; i++)
        {
            var prefix = string.Concat(identifiers.Take(i).Select(id => Escape(id) + "\\."));
            choices.Add($"{prefix}{GreaterIdentifier(identifiers[i])}(?:\\.{PrereleaseIdentifier})*");
        }

        choices.Add($"{Escape(string.Join('.', identifiers))}(?:\\.{PrereleaseIdentifier})+");
        return $"(?:{string.Join('|', choices)})";
    }

    /// <summary>Numeric identifiers compare as numbers and are lower than alphanumeric ones; alphanumeric ones compare in ASCII.</summary>
    private static string GreaterIdentifier(string identifier)
    {
        if (identifier.All(char.IsAsciiDigit))
            return $"(?:{Greater(identifier)}|{Alphanumeric})";
        var choices = new List<string> { $"{Escape(identifier)}[0-9A-Za-z-]+" };
        for (var j = 0; j < identifier.Length; j++)
        {
            var above = IdentifierChars[(IdentifierChars.IndexOf(identifier[j], StringComparison.Ordinal) + 1)..];
            if (above.Length > 0)
                choices.Add($"{Escape(identifier[..j])}[{CharacterClass(above)}][0-9A-Za-z-]*");
        }

        // Alphanumeric only: an identifier of digits alone is lower, whatever its characters.
        return $"(?=[0-9]*[A-Za-z-])(?:{string.Join('|', choices)})";
    }

    private static string CharacterClass(string chars)
    {
        var text = new StringBuilder();
        foreach (var run in new[] { "-", "0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz" })
        {
            var inRun = run.Where(chars.Contains).ToList();
            if (inRun.Count == 0)
                continue;
            text.Append(inRun.Count == 1 ? Escape(inRun[0].ToString()) : $"{inRun[0]}-{inRun[^1]}");
        }

        return text.ToString();
    }

    /// <summary>Identifier characters are letters, digits, '-' and '.'; only '.' means something in a pattern ('-' is escaped for classes).</summary>
    private static string Escape(string text) => text.Replace(".", "\\.", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal);

    private static string Digits(BigInteger n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
