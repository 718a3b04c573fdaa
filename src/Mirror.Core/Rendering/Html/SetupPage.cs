using System.Text;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Rendering.WebServer;
using Mirror.Core.Settings;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Rendering.Html;

/// <summary>The model of <c>setup.html</c>: how to point a Mattermost server at this mirror (marketplace.md §1, §2).</summary>
internal static class SetupPage
{
    public sealed record Endpoint(string Label, string Url, string ConfigJson);

    public sealed record Key(string Fingerprint, string UserId, string Algorithm, string Download, string FileName);

    public static object Model(SiteSettings settings, TrustedKeyring keyring)
    {
        const string page = PageLinks.Setup;
        var endpoints = SiteUrls.Endpoints(settings)
            .Select(target => new Endpoint(
                target is null ? "Every server (recommended)" : $"Pinned to Mattermost {target}",
                SiteUrls.MarketplaceUrl(settings, target),
                ConfigFragment(settings, SiteUrls.MarketplaceUrl(settings, target))))
            .ToList();
        return new
        {
            Endpoints = endpoints,
            Keys = KeysFolder.Published(keyring).Select(k => new Key(DisplayFormat.Fingerprint(k.Fingerprint), k.UserId, k.AlgorithmAndSize,
                PageLinks.From(page, $"{KeysFolder.Folder}/{KeysFolder.KeyFileName(k)}"), KeysFolder.KeyFileName(k))).ToList(),
            AllKeysDownload = PageLinks.From(page, $"{KeysFolder.Folder}/{KeysFolder.AllKeysFile}"),
            KeysFolder.AllKeysFile,
            NginxConf = PageLinks.From(page, NginxConfig.RelativePath),
            IsHttp = settings.BaseUrl.Scheme == Uri.UriSchemeHttp,
            settings.BaseUrl.Host,
            NeedsAllowList = NeedsAllowList(settings),
        };
    }

    /// <summary>The <c>config.json</c> keys a server needs; the key file list can only be set in config.json.</summary>
    public static string ConfigFragment(SiteSettings settings, string marketplaceUrl)
    {
        var bytes = JsonOutput.Render(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("PluginSettings");
            writer.WriteBoolean("Enable", true);
            writer.WriteBoolean("EnableMarketplace", true);
            writer.WriteBoolean("EnableRemoteMarketplace", true);
            writer.WriteString("MarketplaceURL", marketplaceUrl);
            writer.WriteBoolean("RequirePluginSignature", true);
            writer.WriteStartArray("SignaturePublicKeyFiles");
            writer.WriteStringValue(KeysFolder.AllKeysFile);
            writer.WriteEndArray();
            writer.WriteBoolean("AllowInsecureDownloadURL", settings.BaseUrl.Scheme == Uri.UriSchemeHttp);
            writer.WriteEndObject();
            if (NeedsAllowList(settings))
            {
                writer.WriteStartObject("ServiceSettings");
                writer.WriteString("AllowedUntrustedInternalConnections", settings.BaseUrl.Host);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
        return Encoding.UTF8.GetString(bytes).TrimEnd('\n');
    }

    /// <summary>Mattermost refuses private and loopback addresses unless the host is literally localhost or 127.0.0.1.</summary>
    private static bool NeedsAllowList(SiteSettings settings) => settings.BaseUrl.Host is not ("localhost" or "127.0.0.1");
}
