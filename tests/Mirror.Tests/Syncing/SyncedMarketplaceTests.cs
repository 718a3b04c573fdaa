using Mirror.Core;
using Mirror.Tests.Integration;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary>
/// The stock-server queries of <see cref="MarketplaceServerTests"/> against a site built from a catalog that
/// <c>mirror sync --all-versions</c> brought over from another site built by us and served by nginx: what Mattermost
/// sees after the air gap is what it saw before.
/// </summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class SyncedMarketplaceTests(SyncedMarketplaceTests.Site site) : MarketplaceServerTests(site), IClassFixture<SyncedMarketplaceTests.Site>
{
    public sealed class Site() : Served((siteDir, port, _) => new NginxServer(siteDir, port), CarryAcross);

    private static TestCatalog CarryAcross(TestCatalog upstream)
    {
        var port = LocalServer.FreePort();
        Assert.Equal(ExitCodes.Success, upstream.Build(baseUrl: $"http://127.0.0.1:{port}/").ExitCode);
        var synced = new TestCatalog();
        using (new NginxServer(upstream.SiteDir, port))
        {
            var sync = MirrorCli.Run(["sync", "--from", $"http://127.0.0.1:{port}", "--to", synced.Dir, "--all-versions", "--keys", upstream["keys"]]);
            Assert.True(sync.Code == ExitCodes.Success, sync.Stderr);
            Assert.Contains("mirror: 4 bundle(s) listed: 4 added, 0 already present, 0 refused", sync.Stderr);
        }

        var verify = MirrorCli.Run(["verify", synced.Dir]);
        Assert.True(verify.Code == ExitCodes.Success, verify.Stderr);
        upstream.Dispose();
        return synced;
    }
}
