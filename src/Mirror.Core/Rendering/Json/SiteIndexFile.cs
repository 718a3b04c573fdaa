using System.Text.Json;
using Mirror.Core.Settings;

namespace Mirror.Core.Rendering.Json;

/// <summary>
/// <c>site.json</c>: what a program reading a built site needs beside the entries (<c>mirror serve</c>): the base URL
/// every <c>download_url</c> starts with, and the pinned target versions under <c>mm/</c>.
/// </summary>
public static class SiteIndexFile
{
    public const string FileName = "site.json";

    public static void Write(ISiteOutput site, SiteSettings settings) => JsonOutput.WriteFile(site, FileName, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("base_url", settings.BaseUrl.AbsoluteUri);
        writer.WritePropertyName("targets");
        writer.WriteArray(settings.Targets, (w, target) => w.WriteStringValue(target.ToString()));
        writer.WriteEndObject();
    });

    /// <summary>Reads it back.</summary>
    /// <exception cref="FormatException">Not the shape written above.</exception>
    public static (Uri BaseUrl, IReadOnlyList<string> Targets) Read(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            var baseUrl = new Uri(root.GetProperty("base_url").GetString()!, UriKind.Absolute);
            var targets = root.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList();
            return (baseUrl, targets);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or UriFormatException or ArgumentNullException)
        {
            throw new FormatException("not a site index (base_url, targets)", e);
        }
    }
}
