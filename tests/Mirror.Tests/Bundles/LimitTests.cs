using System.IO.Compression;
using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Archive;
using Mirror.OpenPgp.Verification;
using Mirror.Tests.Support;

namespace Mirror.Tests.Bundles;

/// <summary>Every cap stops the read with a reason naming the file.</summary>
public sealed class LimitTests
{
    private static readonly byte[] Plugin = TarGz.Plugin("com.example.capped", "1.0.0").File("com.example.capped/extra.txt", new string('x', 5000)).Build();

    private static void AssertRefused(byte[] bundle, ArchiveLimits limits, string code, string reason)
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("plugin.tar.gz", bundle, b => SharedKeys.Trusted.Sign(b));
        var refused = Assert.Single(catalog.Build(limits: limits).Bundles);
        Assert.Equal(code, refused.ReasonCode);
        Assert.Equal("plugin.tar.gz: " + reason, refused.Reason);
    }

    [Fact]
    public void Too_many_entries() =>
        AssertRefused(Plugin, ArchiveLimits.Default with { MaxEntries = 3 }, BundleRefusalCodes.TooLarge, "more than 3 entries in the archive");

    [Fact]
    public void A_huge_entry_name() =>
        AssertRefused(Plugin, ArchiveLimits.Default with { MaxPathLength = 20 }, BundleRefusalCodes.TooLarge,
            "an entry name is 30 characters long (at most 20)");

    [Fact]
    public void An_archive_that_unpacks_past_the_cap() =>
        AssertRefused(Plugin, ArchiveLimits.Default with { MaxUnpackedBytes = 4096 }, BundleRefusalCodes.TooLarge, "unpacks to more than 4 KiB");

    [Fact]
    public void A_bundle_file_past_the_cap() =>
        AssertRefused(Plugin, ArchiveLimits.Default with { MaxBundleBytes = 100 }, BundleRefusalCodes.TooLarge,
            $"{Plugin.Length:N0} bytes, more than a bundle may be (100 bytes)");

    [Fact]
    public void A_manifest_past_the_cap() =>
        AssertRefused(Plugin, ArchiveLimits.Default with { MaxManifestBytes = 10 }, BundleRefusalCodes.TooLarge, "\"com.example.capped/plugin.json\" is 134 bytes, larger than a manifest may be (10 bytes)");

    [Fact]
    public void Data_after_the_tar_end_marker()
    {
        using var tar = new MemoryStream();
        using (var gunzip = new GZipStream(new MemoryStream(Plugin), CompressionMode.Decompress))
            gunzip.CopyTo(tar);
        tar.Write("SMUGGLED"u8);
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(tar.ToArray());
        AssertRefused(packed.ToArray(), ArchiveLimits.Default, BundleRefusalCodes.DamagedArchive, "damaged archive: data after the tar's end-of-archive marker");
    }

    [Fact]
    public void A_signature_file_past_the_cap()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("plugin.tar.gz", Plugin, _ => new byte[70_000]);
        var bundle = Assert.Single(catalog.Build().Bundles);
        Assert.Equal(SignatureRefusal.Malformed, bundle.ReasonCode);
        Assert.Equal("plugin.tar.gz: plugin.tar.gz.sig holds more than 65,536 bytes, too large for a detached signature", bundle.Reason);
    }
}
