using System.Text.RegularExpressions;

namespace Mirror.Tests.Support;

/// <summary>
/// Which answer file a built site serves for a route key, read from the site's own generated Apache route files
/// (<c>api/v1/routes/…/.htaccess</c>: pattern, then file): for comparing another server's answers with the static ones.
/// </summary>
public static partial class StaticAnswers
{
    /// <param name="key"><c>{enterprise}{cloud}{all versions}|{server_version}|{platform}</c>, booleans as 0/1.</param>
    public static byte[] For(string siteDir, string pluginId, string key)
    {
        var routeFile = Path.Combine(siteDir, "api/v1/routes", pluginId.Length == 0 ? "listing" : $"by-id/{pluginId}", ".htaccess");
        if (!File.Exists(routeFile))
            return "[]\n"u8.ToArray();
        var rules = Rule().Matches(File.ReadAllText(routeFile));
        var rule = rules.First(r => Regex.IsMatch(key, r.Groups["pattern"].Value));
        var sitePath = rule.Groups["file"].Value;
        return File.ReadAllBytes(Path.Combine(siteDir, sitePath[sitePath.IndexOf("api/v1/answers/", StringComparison.Ordinal)..]));
    }

    [GeneratedRegex(@"^RewriteCond %\{ENV:REDIRECT_PM_KEY\} (?<pattern>\S+)\nRewriteRule \^ (?<file>\S+) ", RegexOptions.Multiline)]
    private static partial Regex Rule();
}
