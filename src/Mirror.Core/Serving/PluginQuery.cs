using System.Globalization;
using Microsoft.AspNetCore.Http;
using Semver;

namespace Mirror.Core.Serving;

/// <summary>
/// The query string of <c>GET …/api/v1/plugins</c>, parsed as the official service parses it (marketplace.md §4): the
/// first value of each key, an empty value meaning the default, integers and booleans as Go's <c>strconv</c> reads
/// them. Where it deliberately differs: no <c>per_page</c> means every entry (not 100), and an unparsable
/// <c>server_version</c> or a negative page is a 400 with its reason.
/// </summary>
public sealed record PluginQuery(
    long Page,
    long? PerPage,
    string Filter,
    SemVersion? ServerVersion,
    bool EnterprisePlugins,
    bool Cloud,
    string Platform,
    string PluginId,
    bool ReturnAllVersions)
{
    /// <summary>The query a request carries, or the one-line reason it is malformed (answered with 400).</summary>
    public static (PluginQuery? Query, string? Error) Parse(IQueryCollection query)
    {
        string Value(string key) => query.TryGetValue(key, out var values) && values.Count > 0 ? values[0] ?? "" : "";
        try
        {
            var perPage = Integer(Value("per_page"), "per_page", defaultValue: -1);
            if (perPage < -1)
                throw new FormatException("per_page must be -1 (every entry), 0 or more");
            var page = Integer(Value("page"), "page", defaultValue: 0);
            if (page < 0)
                throw new FormatException("page must be 0 or more");
            return (new PluginQuery(
                page,
                perPage == -1 ? null : perPage,
                Value("filter").Trim(),
                Version(Value("server_version")),
                Boolean(Value("enterprise_plugins"), "enterprise_plugins"),
                Boolean(Value("cloud"), "cloud"),
                Value("platform"),
                Value("plugin_id"),
                Boolean(Value("return_all_versions"), "return_all_versions")), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Go's <c>strconv.Atoi</c>: an optional sign and decimal digits, nothing else.</summary>
    private static long Integer(string text, string key, long defaultValue)
    {
        if (text.Length == 0)
            return defaultValue;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{key}=\"{text}\" is not an integer");
    }

    /// <summary>Go's <c>strconv.ParseBool</c>: 1, t, T, TRUE, true, True and their opposites.</summary>
    private static bool Boolean(string text, string key) => text switch
    {
        "" or "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        _ => throw new FormatException($"{key}=\"{text}\" is not a boolean (true or false)"),
    };

    private static SemVersion? Version(string text)
    {
        if (text.Length == 0)
            return null;
        return SemVersion.TryParse(text, SemVersionStyles.Strict, out var version)
            ? version
            : throw new FormatException($"server_version=\"{text}\" is not a server version (MAJOR.MINOR.PATCH, such as 10.5.0)");
    }
}
