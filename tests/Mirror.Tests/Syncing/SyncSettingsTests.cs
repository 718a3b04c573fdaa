using Mirror.Core;
using Mirror.Core.Init;
using Mirror.Core.Settings;
using Mirror.Core.Syncing;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary>mirror.json after a sync: the upstream's fields recorded, the admin's own settings and edits kept.</summary>
public sealed class SyncSettingsTests
{
    [Fact]
    public async Task The_admins_edits_win_and_the_upstreams_fields_fill_the_rest()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        Directory.CreateDirectory(upstream.Catalog);
        File.WriteAllText(upstream.CatalogFile("mirror.json"), """
            {"title": "Acme", "targets": ["10.5.0"], "plugins": {"TestPlugin": {"release_stage": "beta", "author_type": "partner"}}}
            """);

        Assert.Equal(0, upstream.Sync().Code);

        var settings = SettingsFile.Load(upstream.Catalog);
        Assert.Equal("Acme", settings.Title);
        Assert.Equal(["10.5.0"], settings.Targets);
        Assert.Equal(new ListingFields("partner", "beta", false, "", "mattermost-plugin-testplugin"), settings.Plugins["testplugin"]);
        Assert.Equal(new ListingFields("mattermost", "production", false, "", "mattermost-plugin-testplugin2"), settings.Plugins["testplugin2"]);
    }

    [Fact]
    public async Task Inits_commented_mirror_json_keeps_every_comment_and_gets_the_upstreams_fields()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        Assert.Equal(0, MirrorCli.Run("init", upstream.Catalog).Code);

        var result = upstream.Sync();

        Assert.True(result.Code == 0, result.Stderr);
        Assert.EndsWith("}\n", NewCatalog.SettingsExample, StringComparison.Ordinal);
        Assert.Equal(NewCatalog.SettingsExample[..^2] + """
              "plugins": {
                "testplugin": {"author_type": "community", "repo_name": "mattermost-plugin-testplugin"},
                "testplugin2": {"repo_name": "mattermost-plugin-testplugin2"}
              }
            }

            """, File.ReadAllText(upstream.CatalogFile("mirror.json")));
        Assert.Equal(new ListingFields("community", "production", false, "", "mattermost-plugin-testplugin"), SettingsFile.Load(upstream.Catalog).Plugins["testplugin"]);
    }

    [Fact]
    public async Task A_mirror_json_that_is_not_json_stops_the_sync_before_anything_is_downloaded()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        Directory.CreateDirectory(upstream.Catalog);
        File.WriteAllText(upstream.CatalogFile("mirror.json"), "{\"title\": \"Acme\" // no closing brace\n");

        var result = upstream.Sync();

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal("mirror: mirror.json: not valid JSON (Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed. LineNumber: 1 | BytePositionInLine: 0.)\n", result.Stderr);
        Assert.Empty(upstream.Market.Requests);
        Assert.Equal("{\"title\": \"Acme\" // no closing brace\n", File.ReadAllText(upstream.CatalogFile("mirror.json")));
    }

    [Fact]
    public async Task Upstream_values_mirror_json_cannot_hold_are_left_out_with_a_note()
    {
        await using var upstream = new SyncUpstream();
        upstream.Market.List("testplugin", "0.0.1", upstream.Asset("testplugin.tar.gz", SyncUpstream.Fixture("testplugin.tar.gz")),
            SyncUpstream.Fixture("testplugin.tar.gz.sig"), edit: e =>
            {
                e["hosting"] = "mars";
                e["enterprise"] = true;
                e["release_stage"] = "experimental";
            });

        var result = upstream.Sync();

        Assert.True(result.Code == 0, result.Stderr);
        Assert.Contains("  testplugin 0.0.1: hosting \"mars\" is not one mirror.json knows; left out\n", result.Stderr);
        Assert.Equal(new ListingFields("mattermost", "experimental", true, "", "mattermost-plugin-testplugin"), SettingsFile.Load(upstream.Catalog).Plugins["testplugin"]);
    }

    [Fact]
    public async Task A_bad_mirror_json_stops_the_sync_before_anything_is_downloaded()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        Directory.CreateDirectory(upstream.Catalog);
        File.WriteAllText(upstream.CatalogFile("mirror.json"), """{"titel": "typo"}""");

        var result = upstream.Sync();

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal("mirror: mirror.json: unknown key \"titel\" (known: title, base_url, targets, plugins)\n", result.Stderr);
        Assert.Empty(upstream.Market.Requests);
    }

    [Fact]
    public void The_built_in_trust_anchor_is_mattermosts_published_key_byte_for_byte()
    {
        var published = File.ReadAllBytes(Path.Combine(RepoPaths.MattermostFixtures, "mattermost-plugin-production-public-key.asc"));

        Assert.Equal(published, MattermostKey.Armored());
        Assert.Equal([MattermostKey.Fingerprint], MattermostKey.Keyring().Keys.Select(k => k.Fingerprint));
    }

    [Fact]
    public async Task By_default_only_mattermosts_key_is_trusted()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();

        var result = MirrorCli.Run(["sync", "--from", upstream.Market.Url, "--to", upstream.Catalog, "--retries", "0"]);

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.Contains("  refused testplugin 0.0.1: unknown signer: key 4C7C6562C192CC1F is not among the trusted keys\n", result.Stderr);
        Assert.False(Directory.Exists(upstream.CatalogFile("keys")));
    }
}
