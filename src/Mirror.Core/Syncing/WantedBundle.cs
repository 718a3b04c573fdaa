using System.Text.RegularExpressions;
using Mirror.Core.Scanning;
using Semver;

namespace Mirror.Core.Syncing;

/// <summary>One file the catalog should hold after a sync: a listed bundle (generic or for one platform) and its signature.</summary>
/// <param name="Source">Where it comes from: the entry's download URL.</param>
internal sealed partial record WantedBundle(string Id, string Version, string? Platform, string Source, byte[] Signature, UpstreamFields Fields)
{
    public const string Folder = "plugins";

    /// <summary>Named by id and version, never by the upstream's URL: the name is ours and cannot escape the folder.</summary>
    public string FileName => Platform is null ? $"{Id}-{Version}.tar.gz" : $"{Id}-{Version}-{Platform}.tar.gz";

    public string RelativePath => $"{Folder}/{FileName}";

    public string Label => Describe(Id, Version, Platform);

    /// <summary>Also names entries that are refused: the upstream's text is escaped, so it cannot forge a line of output.</summary>
    public static string Describe(string id, string version, string? platform)
    {
        var shown = $"{DisplayName.Escape(id)} {DisplayName.Escape(version)}";
        return platform is null ? shown : $"{shown} ({DisplayName.Escape(platform)})";
    }

    /// <summary>Checks what the untrusted entry says before it names a file or a download.</summary>
    /// <returns>The wanted bundle, or the reason it is refused.</returns>
    public static (WantedBundle? Bundle, string? Refusal) From(UpstreamEntry entry, string? platform, string downloadUrl, string signature)
    {
        if (!PluginId().IsMatch(entry.Id))
            return (null, $"\"{DisplayName.Escape(entry.Id)}\" is not a plugin id (3-190 of a-z 0-9 - _ .)");
        if (entry.Id.StartsWith('.'))
            return (null, $"the id \"{entry.Id}\" starts with a dot: its file would be hidden, and build, verify and {TransferManifest.FileName} skip hidden files");
        if (!SemVersion.TryParse(entry.Version, SemVersionStyles.Strict, out var version))
            return (null, $"version \"{DisplayName.Escape(entry.Version)}\" is not strict semver");
        if (platform is not null && !PlatformName().IsMatch(platform))
            return (null, $"\"{platform}\" is not a platform such as linux-amd64");
        if (!Uri.TryCreate(downloadUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return (null, $"download_url \"{ShownUrl.Of(downloadUrl)}\" is not an http(s) URL");
        if (signature.Length == 0)
            return (null, "no signature in the listing: the Marketplace lists it unsigned, and a Mattermost server would refuse it");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return (null, "the listing's signature is not base64");
        }

        return (new WantedBundle(entry.Id, version.ToString(), platform, url.AbsoluteUri, bytes, entry.Fields), null);
    }

    [GeneratedRegex("^[a-z0-9._-]{3,190}$")]
    private static partial Regex PluginId();

    [GeneratedRegex("^[a-z0-9]+-[a-z0-9]+$")]
    private static partial Regex PlatformName();
}
