using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary>Platform bundles across the gap: a site built by us lists them in <c>platforms</c>; sync brings them; build publishes them again.</summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class PlatformRoundTripTests
{
    [Fact]
    public void Sync_with_platform_brings_the_platform_bundles_and_build_publishes_them_again()
    {
        using var upstream = new TestCatalog().Trust(SharedKeys.Trusted);
        var (generic, genericSignature) = SyncUpstream.Made("com.example.server", "2.0.0");
        var (linux, linuxSignature) = SyncUpstream.Made("com.example.server", "2.0.0", SyncUpstream.Linux);
        upstream.Add("generic.tar.gz", generic, _ => genericSignature);
        upstream.Add("linux.tar.gz", linux, _ => linuxSignature);
        var port = LocalServer.FreePort();
        Assert.Equal(ExitCodes.Success, upstream.Build(baseUrl: $"http://127.0.0.1:{port}/").ExitCode);
        using var synced = new TestCatalog();

        using (new NginxServer(upstream.SiteDir, port))
        {
            var without = MirrorCli.Run(["sync", "--from", $"http://127.0.0.1:{port}", "--to", synced.Dir, "--keys", upstream["keys"]]);
            Assert.True(without.Code == ExitCodes.Success, without.Stderr);
            Assert.False(File.Exists(synced["plugins/com.example.server-2.0.0-linux-amd64.tar.gz"]));

            var with = MirrorCli.Run(["sync", "--from", $"http://127.0.0.1:{port}", "--to", synced.Dir, "--keys", upstream["keys"], "--platform", SyncUpstream.Linux]);
            Assert.True(with.Code == ExitCodes.Success, with.Stderr);
            Assert.Contains("mirror: 2 bundle(s) listed: 1 added, 1 already present, 0 refused", with.Stderr);
        }

        Assert.Equal(linux, File.ReadAllBytes(synced["plugins/com.example.server-2.0.0-linux-amd64.tar.gz"]));
        var build = synced.Build(baseUrl: "https://mirror.example/");
        Assert.Equal(ExitCodes.Success, build.ExitCode);
        var entry = JsonNode.Parse(File.ReadAllText(Path.Combine(synced.SiteDir, "plugins.json")))!.AsArray().Single()!;
        Assert.Equal("https://mirror.example/bundles/com.example.server/com.example.server-2.0.0-linux-amd64.tar.gz",
            entry["platforms"]![SyncUpstream.Linux]!["download_url"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(linuxSignature), entry["platforms"]![SyncUpstream.Linux]!["signature"]!.GetValue<string>());
    }
}
