using Mirror.Core.Bundles.Archive;
using Mirror.Core.Pipeline;

namespace Mirror.Tests.Support;

/// <summary>A catalog folder built in a temp folder: trusted keys, bundles and their signatures, mirror.json.</summary>
public sealed class TestCatalog : IDisposable
{
    private readonly TempDir root = new();

    public TestCatalog() => Directory.CreateDirectory(Dir);

    public string Dir => root["catalog"];

    public string SiteDir => root["site"];

    public string this[string relative] => Path.Combine(Dir, relative);

    /// <summary>A catalog that trusts <see cref="SharedKeys.Trusted"/> and holds one good signed bundle, good.tar.gz.</summary>
    public static TestCatalog WithGoodBundle()
    {
        var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        return catalog;
    }

    public TestCatalog Trust(TestKey key, string fileName = "trusted.asc") => TrustBytes(key.PublicArmored, fileName);

    public TestCatalog TrustBytes(byte[] publicKey, string fileName)
    {
        Directory.CreateDirectory(this["keys"]);
        File.WriteAllBytes(Path.Combine(this["keys"], fileName), publicKey);
        return this;
    }

    /// <summary>Writes a bundle, and beside it the signature <paramref name="sign"/> makes of its bytes (none if null).</summary>
    public byte[] Add(string fileName, byte[] bundle, Func<byte[], byte[]>? sign, string signatureSuffix = ".sig")
    {
        var path = this[fileName];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bundle);
        if (sign is not null)
            File.WriteAllBytes(path + signatureSuffix, sign(bundle));
        return bundle;
    }

    public TestCatalog Settings(string json)
    {
        File.WriteAllText(this["mirror.json"], json);
        return this;
    }

    public BuildResult Build(string? baseUrl = null, IReadOnlyList<string>? targets = null, bool strict = false, ArchiveLimits? limits = null) =>
        SiteBuilder.Build(new BuildRequest(Dir, SiteDir) { BaseUrl = baseUrl, Targets = targets ?? [], Strict = strict, Limits = limits ?? ArchiveLimits.Default });

    public void Dispose() => root.Dispose();
}
