using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary>
/// <c>mirror sync</c> from <c>mirror serve</c>, which answers with the official service's query semantics: asked as a
/// server of a version, it lists the newest compatible version; with <c>--all-versions</c>, every one.
/// </summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class SyncFromServeTests
{
    [Fact]
    public void Sync_asks_as_a_server_of_each_version_and_brings_what_serve_lists_for_it()
    {
        using var upstream = new TestCatalog().Trust(SharedKeys.Trusted);
        Add(upstream, TarGz.Plugin("com.example.alpha", "1.0.0", minServer: "9.0.0").Build());
        Add(upstream, TarGz.Plugin("com.example.alpha", "2.0.0", minServer: "10.5.0").Build());
        Add(upstream, SyncUpstream.Made("com.example.server", "2.0.0").Bundle);
        Add(upstream, SyncUpstream.Made("com.example.server", "2.0.0", SyncUpstream.Linux).Bundle);
        var port = LocalServer.FreePort();
        Assert.Equal(ExitCodes.Success, upstream.Build(baseUrl: $"http://127.0.0.1:{port}/").ExitCode);
        using var synced = new TestCatalog();
        using var serve = new ServeProcess(upstream.SiteDir, port);
        string[] sync = ["sync", "--from", serve.Url, "--to", synced.Dir, "--keys", upstream["keys"]];

        var old = MirrorCli.Run([.. sync, "--server-version", "9.11.0", "--platform", SyncUpstream.Linux]);
        Assert.True(old.Code == ExitCodes.Success, old.Stderr);
        Assert.Equal(["com.example.alpha-1.0.0.tar.gz", "com.example.server-2.0.0-linux-amd64.tar.gz", "com.example.server-2.0.0.tar.gz"], Bundles(synced));

        var all = MirrorCli.Run([.. sync, "--all-versions"]);
        Assert.True(all.Code == ExitCodes.Success, all.Stderr);
        Assert.Contains("mirror: 3 bundle(s) listed: 1 added, 2 already present, 0 refused", all.Stderr);
        Assert.Equal(ExitCodes.Success, synced.Build().ExitCode);
    }

    private static void Add(TestCatalog catalog, byte[] bundle) =>
        catalog.Add($"{Guid.NewGuid():N}.tar.gz", bundle, b => SharedKeys.Trusted.Sign(b));

    private static string[] Bundles(TestCatalog catalog) =>
        [.. Directory.GetFiles(catalog["plugins"], "*.tar.gz").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}
