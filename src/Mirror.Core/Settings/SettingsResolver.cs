using Semver;

namespace Mirror.Core.Settings;

/// <summary>Merges mirror.json with the flags: a flag given on the command line wins.</summary>
public static class SettingsResolver
{
    public static SiteSettings Resolve(SettingsFile file, string? baseUrlFlag, IReadOnlyList<string> targetFlags, string? titleFlag)
    {
        var baseUrl = ParseBaseUrl(baseUrlFlag ?? file.BaseUrl, baseUrlFlag is not null ? "--base-url" : $"{SettingsFile.FileName}: \"base_url\"");
        var targetTexts = targetFlags.Count > 0 ? targetFlags : file.Targets ?? [];
        var where = targetFlags.Count > 0 ? "--target" : $"{SettingsFile.FileName}: \"targets\"";
        var targets = targetTexts
            .Select(t => SettingsFile.ParseTarget(t, where))
            .DistinctBy(t => t.ToString())
            .OrderBy(t => t, SemVersion.PrecedenceComparer)
            .ToList();
        return new SiteSettings(titleFlag ?? file.Title ?? SiteSettings.DefaultTitle, baseUrl, targets, file.Plugins);
    }

    private static Uri ParseBaseUrl(string? text, string where)
    {
        if (text is null)
            return SiteSettings.DefaultBaseUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            string.IsNullOrEmpty(uri.Host))
        {
            throw new MirrorException($"{where}: \"{text}\" is not an absolute http(s) URL");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            throw new MirrorException($"{where}: \"{text}\" must not carry a query, a fragment or credentials");
        var withSlash = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        ServedPath.Validate(withSlash, where);
        return withSlash;
    }
}
