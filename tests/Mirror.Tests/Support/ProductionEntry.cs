using System.Text.Json.Nodes;

namespace Mirror.Tests.Support;

/// <summary>Marketplace entries made from a real one: the first entry of the production <c>plugins.json</c> fixture, every key kept.</summary>
public static class ProductionEntry
{
    public static string ProductionJson => Path.Combine(RepoPaths.MattermostFixtures, "..", "marketplace-plugins.production.json");

    private static readonly Lazy<JsonObject> Template = new(() => (JsonObject)JsonNode.Parse(File.ReadAllText(ProductionJson))!.AsArray()[0]!);

    public static JsonObject Make(string id, string version, string downloadUrl, byte[]? signature, JsonObject? platforms = null)
    {
        var entry = (JsonObject)Template.Value.DeepClone();
        var manifest = (JsonObject)entry["manifest"]!;
        manifest["id"] = id;
        manifest["version"] = version;
        manifest["name"] = id;
        manifest.Remove("min_server_version");
        entry["download_url"] = downloadUrl;
        entry["signature"] = signature is null ? "" : Convert.ToBase64String(signature);
        entry["platforms"] = platforms ?? new JsonObject { ["linux-amd64"] = new JsonObject(), ["darwin-amd64"] = new JsonObject(), ["windows-amd64"] = new JsonObject() };
        entry["repo_name"] = $"mattermost-plugin-{id}";
        return entry;
    }
}
