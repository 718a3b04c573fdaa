using System.Text.RegularExpressions;

namespace Mirror.Core.Rendering.Routing;

/// <summary>
/// The string the web server configs build from a query, and the rules match:
/// <c>{enterprise_plugins}{cloud}{return_all_versions}|{server_version}|{platform}</c>, the booleans as 0/1, the
/// server version as sent (validated first, "" when absent) and the platform last (it is free text).
/// </summary>
public static class RouteKey
{
    /// <summary>A pattern (anchored) for the keys of one combination; null parts match anything.</summary>
    /// <param name="serverVersion">A pattern body for the version part: "" for absent, see <see cref="VersionPatterns"/>.</param>
    public static string Pattern(bool? enterprise, bool? cloud, bool? allVersions, string serverVersion, string? platform) =>
        $"^{Bit(enterprise)}{Bit(cloud)}{Bit(allVersions)}\\|{serverVersion}\\|{(platform is null ? ".*" : Regex.Escape(platform))}$";

    /// <summary>Any valid server version, or none.</summary>
    public const string AnyVersionOrNone = "[^|]*";

    /// <summary>Any valid server version (present).</summary>
    public const string AnyVersion = "[^|]+";

    private static string Bit(bool? value) => value switch { null => "[01]", true => "1", false => "0" };
}
