using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Core.Settings;
using Mirror.Core.Syncing;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary><c>mirror sync</c> against an upstream shaped like the official Marketplace (loopback Kestrel).</summary>
public sealed class SyncTests
{
    private const string DevelopmentFingerprint = "F3FACE45E0DE642C8BD6A8E64C7C6562C192CC1F";

    [Fact]
    public async Task Sync_keeps_verified_bundles_with_signatures_fields_keys_and_sums_and_refuses_an_empty_signature()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        upstream.Market.List("com.example.unsigned", "1.0.0", upstream.Asset("unsigned.tar.gz", SyncUpstream.Made("com.example.unsigned", "1.0.0").Bundle), signature: null);

        var result = upstream.Sync();

        Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
        Has(result, "mirror: 3 bundle(s) listed: 2 added, 0 already present, 1 refused");
        Has(result, "  refused com.example.unsigned 1.0.0: no signature in the listing: the Marketplace lists it unsigned, and a Mattermost server would refuse it\n");
        Assert.Equal(SyncUpstream.Fixture("testplugin.tar.gz"), File.ReadAllBytes(upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz")));
        Assert.Equal(SyncUpstream.Fixture("testplugin.tar.gz.sig"), File.ReadAllBytes(upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz.sig")));
        Assert.Equal(SyncUpstream.Fixture("testplugin2.tar.gz"), File.ReadAllBytes(upstream.CatalogFile("plugins/testplugin2-1.2.3.tar.gz")));
        Assert.False(File.Exists(upstream.CatalogFile("plugins/com.example.unsigned-1.0.0.tar.gz")));
        Assert.False(Directory.Exists(upstream.CatalogFile(CatalogSync.WorkFolder)));
        Assert.True(File.Exists(upstream.CatalogFile($"keys/{DevelopmentFingerprint}.asc")));
        Assert.True(File.Exists(upstream.CatalogFile($"keys/{SharedKeys.Trusted.Fingerprint}.asc")));

        var settings = SettingsFile.Load(upstream.Catalog);
        Assert.Equal(new ListingFields("community", "production", false, "", "mattermost-plugin-testplugin"), settings.Plugins["testplugin"]);
        Assert.Equal(new ListingFields("mattermost", "production", false, "", "mattermost-plugin-testplugin2"), settings.Plugins["testplugin2"]);

        Assert.Equal(0, Tool.Run("bash", ["-c", $"cd '{upstream.Catalog}' && sha256sum --check --strict --quiet {TransferManifest.FileName}"]).ExitCode);
        var listed = File.ReadAllLines(upstream.CatalogFile(TransferManifest.FileName)).Select(l => l[66..]);
        string[] expected = ["keys/" + DevelopmentFingerprint + ".asc", $"keys/{SharedKeys.Trusted.Fingerprint}.asc", "mirror.json",
            "plugins/testplugin-0.0.1.tar.gz", "plugins/testplugin-0.0.1.tar.gz.sig", "plugins/testplugin2-1.2.3.tar.gz", "plugins/testplugin2-1.2.3.tar.gz.sig"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task Sync_asks_exactly_what_a_server_asks()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();

        Assert.Equal(0, upstream.Sync("--server-version", "10.5.0").Code);

        Assert.Equal("/api/v1/plugins?build_enterprise_ready=true&cloud=false&enterprise_plugins=true&filter=&local_only=false&page=0&platform=" +
            "&plugin_id=&remote_only=false&return_all_versions=false&server_version=10.5.0", upstream.Market.Requests.First().PathAndQuery);
    }

    [Fact]
    public async Task A_second_sync_downloads_nothing()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        Assert.Equal(0, upstream.Sync().Code);
        var before = upstream.Market.Requests.Count(r => r.PathAndQuery.StartsWith("/assets/", StringComparison.Ordinal));

        var again = upstream.Sync();

        Assert.Equal(0, again.Code);
        Has(again, "mirror: 2 bundle(s) listed: 0 added, 2 already present, 0 refused (0 bundle bytes downloaded)");
        Assert.Equal(before, upstream.Market.Requests.Count(r => r.PathAndQuery.StartsWith("/assets/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task All_versions_and_plugin_ask_each_id_as_an_install_of_one_version_does()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        var (old, oldSignature) = SyncUpstream.Made("testplugin", "0.0.0");
        upstream.Market.List("testplugin", "0.0.0", upstream.Asset("testplugin-0.0.0.tar.gz", old), oldSignature);

        Assert.Equal(0, upstream.Sync("--plugin", "testplugin").Code);
        Assert.False(File.Exists(upstream.CatalogFile("plugins/testplugin-0.0.0.tar.gz")));
        Assert.False(File.Exists(upstream.CatalogFile("plugins/testplugin2-1.2.3.tar.gz")));

        var all = upstream.Sync("--all-versions");

        Assert.Equal(0, all.Code);
        Has(all, "mirror: 3 bundle(s) listed: 2 added, 1 already present, 0 refused");
        Assert.Contains(upstream.Market.Requests, r => r.PathAndQuery.Contains("&plugin_id=testplugin&remote_only=false&return_all_versions=true&", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Platform_bundles_come_from_the_entries_platforms_and_an_unsigned_one_is_refused()
    {
        await using var upstream = new SyncUpstream();
        var (generic, genericSignature) = SyncUpstream.Made("com.example.server", "2.0.0");
        var (linux, linuxSignature) = SyncUpstream.Made("com.example.server", "2.0.0", SyncUpstream.Linux);
        var (windows, _) = SyncUpstream.Made("com.example.server", "2.0.0", "windows-amd64");
        upstream.Market.List("com.example.server", "2.0.0", upstream.Asset("server-2.0.0.tar.gz", generic), genericSignature, new JsonObject
        {
            [SyncUpstream.Linux] = FakeMarketplace.Platform(upstream.Asset("server-2.0.0-linux-amd64.tar.gz", linux), linuxSignature),
            ["darwin-amd64"] = new JsonObject(),
            ["windows-amd64"] = FakeMarketplace.Platform(upstream.Asset("server-2.0.0-windows-amd64.tar.gz", windows), null),
        });

        var result = upstream.Sync("--platform", SyncUpstream.Linux, "--platform", "windows-amd64", "--platform", "darwin-amd64");

        Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
        Assert.Equal(linux, File.ReadAllBytes(upstream.CatalogFile("plugins/com.example.server-2.0.0-linux-amd64.tar.gz")));
        Assert.Equal(linuxSignature, File.ReadAllBytes(upstream.CatalogFile("plugins/com.example.server-2.0.0-linux-amd64.tar.gz.sig")));
        Assert.True(File.Exists(upstream.CatalogFile("plugins/com.example.server-2.0.0.tar.gz")));
        Has(result, "  refused com.example.server 2.0.0 (windows-amd64): no signature in the listing");
        Has(result, "mirror: 3 bundle(s) listed: 2 added, 0 already present, 1 refused");
    }

    [Fact]
    public async Task Without_platform_only_the_generic_bundles_are_taken()
    {
        await using var upstream = new SyncUpstream();
        var (generic, genericSignature) = SyncUpstream.Made("com.example.server", "2.0.0");
        var (linux, linuxSignature) = SyncUpstream.Made("com.example.server", "2.0.0", SyncUpstream.Linux);
        upstream.Market.List("com.example.server", "2.0.0", upstream.Asset("server-2.0.0.tar.gz", generic), genericSignature, new JsonObject
        {
            [SyncUpstream.Linux] = FakeMarketplace.Platform(upstream.Asset("server-2.0.0-linux-amd64.tar.gz", linux), linuxSignature),
        });

        Assert.Equal(0, upstream.Sync().Code);
        Assert.Equal(["com.example.server-2.0.0.tar.gz", "com.example.server-2.0.0.tar.gz.sig"],
            Directory.GetFiles(upstream.CatalogFile("plugins")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_altered_bundle_is_refused_and_nothing_of_it_is_kept()
    {
        await using var upstream = new SyncUpstream();
        var altered = SyncUpstream.Fixture("testplugin.tar.gz");
        altered[^100] ^= 0x01;
        upstream.Market.List("testplugin", "0.0.1", upstream.Asset("testplugin.tar.gz", altered), SyncUpstream.Fixture("testplugin.tar.gz.sig"));

        var result = upstream.Sync();

        Assert.Equal(ExitCodes.Failure, result.Code);
        Has(result, $"  refused testplugin 0.0.1: bad signature: the bundle's bytes do not match the signature by {DevelopmentFingerprint} (altered after signing, or the signature is for another file)\n");
        Has(result, "mirror: nothing usable was synced into");
        Assert.False(Directory.Exists(upstream.CatalogFile("plugins")));
        Assert.False(Directory.Exists(upstream.CatalogFile(CatalogSync.WorkFolder)));
    }

    [Fact]
    public async Task A_refused_download_never_replaces_a_good_file()
    {
        await using var upstream = new SyncUpstream();
        var entry = upstream.Market.List("testplugin", "0.0.1", upstream.Asset("testplugin.tar.gz", SyncUpstream.Fixture("testplugin.tar.gz")),
            SyncUpstream.Fixture("testplugin.tar.gz.sig"));
        Assert.Equal(0, upstream.Sync().Code);

        // The upstream now serves other bytes, signed by a key nobody trusts.
        var other = SyncUpstream.Made("testplugin", "0.0.1").Bundle;
        upstream.Market.Serve("testplugin.tar.gz", other);
        entry["signature"] = Convert.ToBase64String(SharedKeys.Stranger.Sign(other));
        var result = upstream.Sync();

        Assert.Equal(ExitCodes.Failure, result.Code);
        Has(result, "  refused testplugin 0.0.1: ");
        Assert.Equal(SyncUpstream.Fixture("testplugin.tar.gz"), File.ReadAllBytes(upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz")));
        Assert.Equal(SyncUpstream.Fixture("testplugin.tar.gz.sig"), File.ReadAllBytes(upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz.sig")));
    }

    [Fact]
    public async Task A_5xx_is_retried_and_a_404_is_refused_with_the_status()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        upstream.Market.FailNext("testplugin.tar.gz", 1);
        upstream.Market.List("com.example.gone", "1.0.0", upstream.Market.ReleaseUrl("gone.tar.gz"), SyncUpstream.Made("com.example.gone", "1.0.0").Signature);

        var result = MirrorCli.Run(["sync", "--from", upstream.Market.Url, "--to", upstream.Catalog, .. upstream.Keys, "--retries", "1"]);

        Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
        Assert.Equal(2, upstream.Market.AssetRequests("testplugin.tar.gz").Count());
        Assert.True(File.Exists(upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz")));
        // The release URL answers 302; the 404 comes from where it led.
        Has(result, $"  refused com.example.gone 1.0.0: {upstream.Market.Url}/assets/gone.tar.gz answered HTTP 404 Not Found\n");
        Assert.False(Directory.Exists(upstream.CatalogFile(CatalogSync.WorkFolder)), "an empty part was left");
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public async Task A_killed_sync_resumes_with_a_range_request()
    {
        await using var upstream = new SyncUpstream();
        var (large, part) = ListSlowLargeBundle(upstream);

        using (var process = StartSyncUntilPartHolds(upstream, part, 256 * 1024))
        {
            process.Kill();
            process.WaitForExit();
            Assert.True(File.Exists(part), "no partial download: " + process.StandardError.ReadToEnd());
        }

        var kept = new FileInfo(part).Length;
        Assert.InRange(kept, 256 * 1024, large.Length - 1);
        upstream.Market.SlowChunkBytes = 0;

        var result = upstream.Sync();

        Assert.Equal(0, result.Code);
        Assert.Equal(large, File.ReadAllBytes(upstream.CatalogFile("plugins/com.example.large-1.0.0.tar.gz")));
        Assert.Contains(upstream.Market.Requests, r => r.PathAndQuery == "/assets/large.tar.gz" && r.Range == $"bytes={kept}-" && r.Status == 206);
        Has(result, $"({large.Length - kept:N0} bundle bytes downloaded)");
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public async Task A_sync_stopped_by_sigterm_keeps_its_part_and_leaves_no_signature()
    {
        await using var upstream = new SyncUpstream();
        var (_, part) = ListSlowLargeBundle(upstream);

        using var process = StartSyncUntilPartHolds(upstream, part, 128 * 1024);
        Tool.MustRun("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        process.WaitForExit();

        Assert.Equal(["com.example.large-1.0.0.tar.gz.part"], Directory.GetFiles(Path.GetDirectoryName(part)!).Select(Path.GetFileName));
    }

    /// <summary>A 3 MB bundle the upstream serves 64 KB at a time: a sync can be stopped halfway through it.</summary>
    /// <returns>Its bytes, and where a sync keeps its partial download.</returns>
    private static (byte[] Bundle, string Part) ListSlowLargeBundle(SyncUpstream upstream)
    {
        var (large, signature) = SyncUpstream.Made("com.example.large", "1.0.0", randomBytes: 3_000_000);
        upstream.Market.List("com.example.large", "1.0.0", upstream.Asset("large.tar.gz", large), signature);
        upstream.Market.SlowChunkBytes = 64 * 1024;
        return (large, Path.Combine(upstream.Catalog, CatalogSync.WorkFolder, "com.example.large-1.0.0.tar.gz.part"));
    }

    /// <summary>A real sync process, returned once its partial download holds <paramref name="bytes"/> (or after 60 s).</summary>
    private static System.Diagnostics.Process StartSyncUntilPartHolds(SyncUpstream upstream, string part, long bytes)
    {
        var process = MirrorProcess.Start(["sync", "--from", upstream.Market.Url, "--to", upstream.Catalog, .. upstream.Keys]);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !(File.Exists(part) && new FileInfo(part).Length >= bytes))
            Thread.Sleep(50);
        return process;
    }

    [Fact]
    public async Task Signatures_a_killed_run_left_are_removed_with_the_work_folder()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        var stale = upstream.CatalogFile($"{CatalogSync.WorkFolder}/com.example.gone-1.0.0.tar.gz.sig");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllBytes(stale, [1, 2, 3]);

        Assert.Equal(0, upstream.Sync().Code);

        Assert.False(Directory.Exists(upstream.CatalogFile(CatalogSync.WorkFolder)));
    }

    [Theory]
    [InlineData(1000, "bytes=1000-", "")]
    [InlineData(200_000, "bytes=200000-", "")]
    public async Task A_partial_file_left_by_another_download_is_replaced_by_a_fresh_one(int length, string firstRange, string secondRange)
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        var part = Path.Combine(upstream.Catalog, CatalogSync.WorkFolder, "testplugin-0.0.1.tar.gz.part");
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        File.WriteAllBytes(part, new byte[length]);

        var result = upstream.Sync("--plugin", "testplugin");

        Assert.True(result.Code == 0, result.Stderr);
        Assert.Equal(SyncUpstream.Fixture("testplugin.tar.gz"), File.ReadAllBytes(upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz")));
        Assert.Equal([firstRange, secondRange], upstream.Market.AssetRequests("testplugin.tar.gz"));
        Assert.False(Directory.Exists(upstream.CatalogFile(CatalogSync.WorkFolder)));
    }

    private static void Has(MirrorCli.Result result, string expected) =>
        Assert.True(result.Stderr.Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in:\n{result.Stderr}");
}
