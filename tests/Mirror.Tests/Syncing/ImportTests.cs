using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Core.Syncing;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary><c>mirror import PLUGINS_JSON</c>: downloading what it points to, or offline from a folder of release assets.</summary>
public sealed class ImportTests
{
    [Fact]
    public async Task Import_downloads_every_version_a_plugins_json_lists()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        var (old, oldSignature) = SyncUpstream.Made("testplugin", "0.0.0");
        upstream.Market.List("testplugin", "0.0.0", upstream.Asset("testplugin-0.0.0.tar.gz", old), oldSignature);
        var pluginsJson = WritePluginsJson(upstream, Listing(upstream));
        var before = upstream.Market.Requests.Count;

        var result = MirrorCli.Run(["import", pluginsJson, "--to", upstream.Catalog, .. upstream.Keys]);

        Assert.True(result.Code == 0, result.Stderr);
        Assert.Contains("mirror: 3 bundle(s) listed: 3 added, 0 already present, 0 refused", result.Stderr);
        Assert.True(File.Exists(upstream.CatalogFile("plugins/testplugin-0.0.0.tar.gz")));
        Assert.True(File.Exists(upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz")));
        Assert.True(File.Exists(upstream.CatalogFile("plugins/testplugin2-1.2.3.tar.gz")));
        Assert.DoesNotContain(upstream.Market.Requests.Skip(before), r => r.PathAndQuery.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_with_bundles_takes_the_release_assets_from_a_folder_and_never_uses_the_network()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        var entries = Listing(upstream);
        foreach (var entry in entries)
        {
            // Where the official plugins.json points: hosts this machine cannot reach.
            var name = entry!["download_url"]!.GetValue<string>().Split('/')[^1];
            entry["download_url"] = $"https://github.invalid/mattermost/mattermost-plugin-demo/releases/download/v1.0.0/{name}";
        }

        var pluginsJson = WritePluginsJson(upstream, entries);
        var result = MirrorCli.Run(["import", pluginsJson, "--to", upstream.Catalog, "--bundles", upstream["bundles"], .. upstream.Keys, "--plugin", "testplugin"]);

        Assert.True(result.Code == 0, result.Stderr);
        Assert.Contains("mirror: 1 bundle(s) listed: 1 added, 0 already present, 0 refused (0 bundle bytes downloaded)", result.Stderr);
        Assert.Equal(SyncUpstream.Fixture("testplugin.tar.gz"), File.ReadAllBytes(upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz")));
        Assert.False(File.Exists(upstream.CatalogFile("plugins/testplugin2-1.2.3.tar.gz")));
    }

    [Theory]
    [InlineData("device", "is a character device, not a regular file")]
    [InlineData("fifo", "is a named pipe (FIFO), not a regular file")]
    [InlineData("folder", "is a folder, not a regular file")]
    public async Task An_asset_that_is_not_a_regular_file_is_refused_without_waiting_on_it(string kind, string reason)
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        var pluginsJson = WritePluginsJson(upstream, Listing(upstream));
        var asset = Path.Combine(upstream["bundles"], "testplugin.tar.gz");
        File.Delete(asset);
        _ = kind switch
        {
            "device" => SpecialFiles.Link(asset, "/dev/zero"),
            "fifo" => SpecialFiles.Fifo(asset),
            _ => Directory.CreateDirectory(asset).FullName,
        };

        var result = SpecialFiles.Finishes(() => MirrorCli.Run(["import", pluginsJson, "--to", upstream.Catalog, "--bundles", upstream["bundles"], .. upstream.Keys]));

        Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
        Assert.Contains($"  refused testplugin 0.0.1: {asset} {reason}\n", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(upstream.CatalogFile("plugins/testplugin2-1.2.3.tar.gz")));
        Assert.False(Directory.Exists(upstream.CatalogFile(CatalogSync.WorkFolder)));
    }

    [Fact]
    public async Task A_link_to_an_asset_is_followed()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        var pluginsJson = WritePluginsJson(upstream, Listing(upstream));
        var asset = Path.Combine(upstream["bundles"], "testplugin.tar.gz");
        File.Move(asset, upstream["elsewhere.tar.gz"]);
        SpecialFiles.Link(asset, upstream["elsewhere.tar.gz"]);

        var result = MirrorCli.Run(["import", pluginsJson, "--to", upstream.Catalog, "--bundles", upstream["bundles"], .. upstream.Keys]);

        Assert.True(result.Code == 0, result.Stderr);
        Assert.Equal(SyncUpstream.Fixture("testplugin.tar.gz"), File.ReadAllBytes(upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz")));
    }

    [Fact]
    public void An_asset_larger_than_a_bundle_may_be_is_refused_and_its_part_removed()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp["assets"]);
        File.WriteAllBytes(temp["assets/big.tar.gz"], new byte[11]);
        var bundle = new WantedBundle("com.example.big", "1.0.0", null, "https://example.com/download/v1.0.0/big.tar.gz", [], new UpstreamFields(null, null, null, null, null));

        var error = Assert.Throws<DownloadFailedException>(() => new FolderSource(temp["assets"]).Obtain(bundle, temp["big.part"], maxBytes: 10));

        Assert.Equal($"{temp["assets/big.tar.gz"]} holds more than 10 bytes, more than a bundle may be", error.Message);
        Assert.False(File.Exists(temp["big.part"]));
    }

    [Fact]
    public void The_real_production_plugins_json_is_read_entry_by_entry_and_its_unsigned_entries_are_refused()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp["assets"]);

        var result = MirrorCli.Run(["import", ProductionEntry.ProductionJson, "--to", temp["catalog"], "--bundles", temp["assets"]]);

        Assert.Equal(ExitCodes.Failure, result.Code);
        var refused = result.Stderr.Split('\n').Where(l => l.StartsWith("  refused ", StringComparison.Ordinal)).ToList();
        Assert.Equal(134, refused.Count);
        Assert.Equal(22, refused.Count(l => l.EndsWith(": no signature in the listing: the Marketplace lists it unsigned, and a Mattermost server would refuse it", StringComparison.Ordinal)));
        Assert.Contains($"  refused com.github.manland.mattermost-plugin-gitlab 1.9.1: mattermost-plugin-gitlab-v1.9.1.tar.gz " +
            $"(from https://plugins-store.test.mattermost.com/release/mattermost-plugin-gitlab-v1.9.1.tar.gz) is not in {temp["assets"]}", refused);
        Assert.Contains("mirror: 134 bundle(s) listed: 0 added, 0 already present, 134 refused", result.Stderr);
    }

    [Theory]
    [InlineData("[1, 2]", "an entry is not a JSON object")]
    [InlineData("{\"plugins\": []}", "not a JSON array of plugin entries")]
    [InlineData("[{\"manifest\": ", "not valid JSON (")]
    [InlineData("[{\"manifest\": {\"id\": \"com.a.b\"}, \"repo_name\": \"\\ud800\"}]", "a string is not valid text (")]
    [InlineData("[{\"manifest\": {\"id\": \"com.a.b\"}, \"platforms\": {\"\\udc00\": {\"download_url\": \"https://example.com/a.tar.gz\"}}}]", "a string is not valid text (")]
    public void A_plugins_json_that_is_not_a_listing_is_named_with_the_reason(string json, string reason)
    {
        using var temp = new TempDir();
        File.WriteAllText(temp["plugins.json"], json);

        var result = MirrorCli.Run(["import", temp["plugins.json"], "--to", temp["catalog"]]);

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.StartsWith($"mirror: {temp["plugins.json"]}: {reason}", result.Stderr);
        Assert.False(Directory.Exists(temp["catalog"]));
    }

    [Fact]
    public void Import_usage_errors_name_the_argument()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp["plugins.json"], "[]");

        Assert.Equal(("mirror: " + temp["missing.json"] + ": no such file\n", 2), Run("import", temp["missing.json"], "--to", temp["catalog"]));
        Assert.Equal(($"mirror: --bundles {temp["nope"]}: no such folder\n", 2), Run("import", temp["plugins.json"], "--to", temp["catalog"], "--bundles", temp["nope"]));
        Assert.Equal(($"mirror: {temp["plugins.json"]} lists no plugin; nothing to import\n", 1), Run("import", temp["plugins.json"], "--to", temp["catalog"]));
    }

    private static (string, int) Run(params string[] args)
    {
        var result = MirrorCli.Run(args);
        return (result.Stderr, result.Code);
    }

    /// <summary>Every version the upstream lists, in the plugins.json shape (the official file is the same entries).</summary>
    private static JsonArray Listing(SyncUpstream upstream)
    {
        using var http = new HttpClient();
        var json = http.GetStringAsync($"{upstream.Market.Url}/api/v1/plugins?return_all_versions=true").GetAwaiter().GetResult();
        return JsonNode.Parse(json)!.AsArray();
    }

    private static string WritePluginsJson(SyncUpstream upstream, JsonArray entries)
    {
        var path = upstream["plugins.json"];
        File.WriteAllText(path, entries.ToJsonString());
        return path;
    }
}
