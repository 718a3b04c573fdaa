using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary>
/// A <see cref="FakeMarketplace"/> listing Mattermost's own test plugins (signed by its development key) and bundles
/// the tests make (signed by <see cref="SharedKeys.Trusted"/>), plus a catalog folder to sync into.
/// </summary>
public sealed class SyncUpstream : IAsyncDisposable
{
    public const string Linux = "linux-amd64";

    private readonly TempDir temp = new();

    public SyncUpstream()
    {
        File.WriteAllBytes(TrustedKeyFile, SharedKeys.Trusted.PublicArmored);
        Directory.CreateDirectory(temp["bundles"]);
    }

    public FakeMarketplace Market { get; } = new();

    public string Catalog => temp["catalog"];

    public string this[string relative] => temp[relative];

    public string TrustedKeyFile => temp["trusted.asc"];

    public static string DevelopmentKey => Path.Combine(RepoPaths.MattermostFixtures, "development-public-key.asc");

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.MattermostFixtures, name));

    public string[] Keys => ["--keys", DevelopmentKey, "--keys", TrustedKeyFile];

    /// <summary>Serves a bundle under a release asset name (also kept in <c>bundles/</c>, as an admin's downloads) and returns its URL.</summary>
    public string Asset(string name, byte[] bytes)
    {
        Market.Serve(name, bytes);
        File.WriteAllBytes(Path.Combine(temp["bundles"], name), bytes);
        return Market.ReleaseUrl(name);
    }

    /// <summary>testplugin 0.0.1 and testplugin2 1.2.3 as Mattermost ships them, with their own signatures.</summary>
    public SyncUpstream WithMattermostTestPlugins()
    {
        Market.List("testplugin", "0.0.1", Asset("testplugin.tar.gz", Fixture("testplugin.tar.gz")), Fixture("testplugin.tar.gz.sig"),
            edit: e => e["author_type"] = "community");
        Market.List("testplugin2", "1.2.3", Asset("testplugin2.tar.gz", Fixture("testplugin2.tar.gz")), Fixture("testplugin2.tar.gz.sig"));
        return this;
    }

    /// <summary>A bundle made here and signed by the trusted test key.</summary>
    public static (byte[] Bundle, byte[] Signature) Made(string id, string version, string? platform = null, int randomBytes = 0)
    {
        var executables = platform is null ? "" : ", \"server\": {\"executables\": {\"" + platform + "\": \"server/plugin-" + platform + "\"}}";
        var tar = TarGz.Plugin(id, version, extraJson: executables);
        if (platform is not null)
            tar.File($"{id}/server/plugin-{platform}", "#!/bin/sh\n");
        if (randomBytes > 0)
            tar.File($"{id}/webapp/noise.bin", Random.Shared.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), randomBytes));
        var bundle = tar.Build();
        return (bundle, SharedKeys.Trusted.Sign(bundle));
    }

    public MirrorCli.Result Sync(params string[] extra) =>
        MirrorCli.Run(["sync", "--from", Market.Url, "--to", Catalog, .. Keys, "--retries", "0", .. extra]);

    public string CatalogFile(string relative) => Path.Combine(Catalog, relative);

    public async ValueTask DisposeAsync()
    {
        await Market.DisposeAsync();
        temp.Dispose();
    }
}
