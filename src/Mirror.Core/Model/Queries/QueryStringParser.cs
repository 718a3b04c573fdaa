using System.Globalization;
using System.Text;
using Semver;

namespace Mirror.Core.Model.Queries;

/// <summary>
/// Reads a query string as the official service does (Go's <c>url.Query().Get</c>, <c>strconv.Atoi</c>,
/// <c>strconv.ParseBool</c>): the first value of a key counts, '+' is a space, a pair that cannot be decoded is
/// skipped, absent and empty are the same. Where the service would answer 500 or crash (an unparsable
/// <c>server_version</c>, a negative page), this is a <see cref="QueryException"/> (400).
/// </summary>
public static class QueryStringParser
{
    private static readonly string[] TrueWords = ["1", "t", "T", "TRUE", "true", "True"];
    private static readonly string[] FalseWords = ["0", "f", "F", "FALSE", "false", "False"];

    /// <param name="query">With or without the leading '?'.</param>
    /// <exception cref="QueryException">A value is malformed; the message names the key and the value.</exception>
    public static QueryParameters Parse(string query)
    {
        var values = Values(query.StartsWith('?') ? query[1..] : query);
        string Get(string key) => values.TryGetValue(key, out var value) ? value : "";

        var page = Integer("page", Get("page")) ?? 0;
        if (page < 0)
            throw new QueryException($"page: \"{Get("page")}\" must not be negative");
        var perPage = Integer("per_page", Get("per_page"));
        if (perPage < QueryParameters.AllPerPage)
            throw new QueryException($"per_page: \"{Get("per_page")}\" must be -1 (all), 0 or more");
        return new QueryParameters(
            page,
            perPage,
            Get("filter"),
            ServerVersion(Get("server_version")),
            Boolean("enterprise_plugins", Get("enterprise_plugins")),
            Boolean("cloud", Get("cloud")),
            Get("platform"),
            Get("plugin_id"),
            Boolean("return_all_versions", Get("return_all_versions")));
    }

    /// <summary>A server version as the service parses it: strict semver, prereleases and build metadata allowed.</summary>
    public static bool TryParseServerVersion(string text, out SemVersion version) =>
        SemVersion.TryParse(text, SemVersionStyles.Strict, out version!, maxLength: int.MaxValue);

    private static SemVersion? ServerVersion(string text)
    {
        if (text.Length == 0)
            return null;
        return TryParseServerVersion(text, out var version)
            ? version
            : throw new QueryException($"server_version: \"{text}\" is not a semantic version such as 10.5.0");
    }

    private static long? Integer(string key, string text)
    {
        if (text.Length == 0)
            return null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new QueryException($"{key}: \"{text}\" is not an integer");
    }

    private static bool Boolean(string key, string text)
    {
        if (text.Length == 0 || FalseWords.Contains(text, StringComparer.Ordinal))
            return false;
        return TrueWords.Contains(text, StringComparer.Ordinal)
            ? true
            : throw new QueryException($"{key}: \"{text}\" is not true or false");
    }

    /// <summary>The first value of each key, as Go's <c>url.ParseQuery</c> decodes them.</summary>
    private static Dictionary<string, string> Values(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&'))
        {
            if (pair.Length == 0)
                continue;
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawKey = equals < 0 ? pair : pair[..equals];
            if (rawKey.Contains(';', StringComparison.Ordinal))
                continue;
            if (Unescape(rawKey) is { } key && Unescape(equals < 0 ? "" : pair[(equals + 1)..]) is { } value)
                values.TryAdd(key, value);
        }

        return values;
    }

    /// <summary>Go's <c>url.QueryUnescape</c>: '+' is a space, %XX a byte; a bad escape gives null.</summary>
    private static string? Unescape(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
            return text.Replace('+', ' ');
        var input = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != (byte)'%')
            {
                output.Add(input[i] == (byte)'+' ? (byte)' ' : input[i]);
                continue;
            }

            if (i + 2 >= input.Length || !IsHex((char)input[i + 1]) || !IsHex((char)input[i + 2]))
                return null;
            output.Add(Convert.ToByte(Encoding.ASCII.GetString(input, i + 1, 2), 16));
            i += 2;
        }

        return Encoding.UTF8.GetString([.. output]);
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
