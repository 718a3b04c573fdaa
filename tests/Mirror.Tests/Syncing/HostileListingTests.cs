using Mirror.Core;
using Mirror.Core.Settings;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary>Listings that try to forge output, break build with a conflict, or hide a file: each entry refused or its field left out, with the reason.</summary>
public sealed class HostileListingTests
{
    [Fact]
    public async Task Control_characters_from_the_listing_are_printed_escaped_and_never_reach_mirror_json()
    {
        await using var upstream = new SyncUpstream();
        var signature = SyncUpstream.Made("com.example.x", "1.0.0").Signature;
        upstream.Market.List("com.evil\n  added plugins/evil.tar.gz (evil 1.0.0)", "1.0.0", upstream.Market.ReleaseUrl("evil.tar.gz"), signature);
        upstream.Market.List("com.example.version", "1.0.0\u001b]0;pwned\u0007", upstream.Market.ReleaseUrl("v.tar.gz"), signature);
        upstream.Market.List("com.example.url", "1.0.0", "javascript:\nalert(1)", signature);
        upstream.Market.List("testplugin2", "1.2.3", upstream.Asset("testplugin2.tar.gz", SyncUpstream.Fixture("testplugin2.tar.gz")), SyncUpstream.Fixture("testplugin2.tar.gz.sig"),
            edit: e =>
            {
                e["repo_name"] = "repo\n  refused nothing";
                e["release_stage"] = "\u001b[2Jbeta";
            });

        var result = upstream.Sync();

        Assert.True(result.Code == ExitCodes.PartiallyPublished, result.Stderr);
        Assert.DoesNotContain('\u001b', result.Stderr);
        Assert.DoesNotContain('\u0007', result.Stderr);
        Assert.DoesNotContain("\n  added plugins/evil", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\n  refused nothing", result.Stderr, StringComparison.Ordinal);
        Has(result, "  refused com.evil\\x0a  added plugins/evil.tar.gz (evil 1.0.0) 1.0.0: \"com.evil\\x0a  added plugins/evil.tar.gz (evil 1.0.0)\" is not a plugin id");
        Has(result, "  refused com.example.version 1.0.0\\x1b]0;pwned\\x07: version \"1.0.0\\x1b]0;pwned\\x07\" is not strict semver\n");
        Has(result, "  refused com.example.url 1.0.0: download_url \"javascript:\\x0aalert(1)\" is not an http(s) URL\n");
        Has(result, "  testplugin2 1.2.3: release_stage \"\\x1b[2Jbeta\" is not one mirror.json knows; left out\n");
        Has(result, "  testplugin2 1.2.3: repo_name \"repo\\x0a  refused nothing\" holds control or invisible characters (or a backslash), which no repository name has; left out\n");
        Assert.False(SettingsFile.Load(upstream.Catalog).Plugins.ContainsKey("testplugin2"), "a field with control characters reached mirror.json");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_version_equal_to_one_in_the_catalog_but_for_build_metadata_is_refused_and_the_catalog_still_verifies(bool earlierRun)
    {
        await using var upstream = new SyncUpstream();
        var (plain, plainSignature) = SyncUpstream.Made("com.example.meta", "1.0.0");
        var (built, builtSignature) = SyncUpstream.Made("com.example.meta", "1.0.0+b1");
        upstream.Market.List("com.example.meta", "1.0.0+b1", upstream.Asset("meta-b1.tar.gz", built), builtSignature);
        if (earlierRun)
            Assert.Equal(0, upstream.Sync().Code);
        upstream.Market.List("com.example.meta", "1.0.0", upstream.Asset("meta.tar.gz", plain), plainSignature);

        var result = upstream.Sync("--all-versions");

        Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
        Has(result, "  refused com.example.meta 1.0.0: conflict: plugins/com.example.meta-1.0.0+b1.tar.gz, plugins/com.example.meta-1.0.0.tar.gz all claim " +
            "com.example.meta 1.0.0, 1.0.0+b1 (equal precedence: build metadata does not order versions, so Mattermost cannot tell which is newer) " +
            "with different contents: build would refuse both, so the one already in the catalog stays\n");
        Assert.Equal(built, File.ReadAllBytes(upstream.CatalogFile("plugins/com.example.meta-1.0.0+b1.tar.gz")));
        Assert.False(File.Exists(upstream.CatalogFile("plugins/com.example.meta-1.0.0.tar.gz")));
        var verify = MirrorCli.Run("verify", upstream.Catalog);
        Assert.True(verify.Code == 0, verify.Stderr);
    }

    [Fact]
    public async Task An_id_that_would_name_a_hidden_file_is_refused()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        upstream.Market.List("...hid", "1.0.0", upstream.Market.ReleaseUrl("hid.tar.gz"), SyncUpstream.Made("...hid", "1.0.0").Signature);

        var result = upstream.Sync();

        Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
        Has(result, "  refused ...hid 1.0.0: the id \"...hid\" starts with a dot: its file would be hidden, and build, verify and SHA256SUMS skip hidden files\n");
        Assert.Empty(Directory.GetFiles(upstream.CatalogFile("plugins"), ".*"));
    }

    private static void Has(MirrorCli.Result result, string expected) =>
        Assert.True(result.Stderr.Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in:\n{result.Stderr}");
}
