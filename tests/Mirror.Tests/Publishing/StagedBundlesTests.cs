using System.Security.Cryptography;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Publishing;
using Mirror.Core.Scanning;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Keys;
using Mirror.Tests.Support;

namespace Mirror.Tests.Publishing;

/// <summary>A bundle is copied into the staging site by the kernel first and checked in that copy.</summary>
public sealed class StagedBundlesTests
{
    [Fact]
    public void The_kernel_copy_holds_every_byte_and_stops_at_the_cap()
    {
        using var temp = new TempDir();
        var bytes = RandomNumberGenerator.GetBytes((3 << 20) + 5);
        File.WriteAllBytes(temp["source"], bytes);

        using (var source = File.OpenRead(temp["source"]))
        using (var whole = new FileStream(temp["whole"], FileMode.CreateNew, FileAccess.Write))
        using (var capped = new FileStream(temp["capped"], FileMode.CreateNew, FileAccess.Write))
        {
            Assert.Equal(bytes.Length, KernelCopy.Copy(source, whole, long.MaxValue, "a test copy"));
            Assert.Equal(1000, KernelCopy.Copy(source, capped, 1000, "a test copy"));
        }

        Assert.Equal(bytes, File.ReadAllBytes(temp["whole"]));
        Assert.Equal(bytes[..1000], File.ReadAllBytes(temp["capped"]));
    }

    [Fact]
    public void A_file_larger_than_one_sendfile_call_is_copied_whole()
    {
        using var temp = new TempDir();
        // Sparse, so only the copy costs: zeros past one call's chunk, and marks where the chunks meet.
        using (var source = new FileStream(temp["source"], FileMode.CreateNew))
        {
            source.SetLength(KernelCopy.ChunkBytes + 4096);
            source.Write("start"u8);
            source.Position = KernelCopy.ChunkBytes;
            source.Write("second chunk"u8);
        }

        using (var source = File.OpenRead(temp["source"]))
        using (var target = new FileStream(temp["copy"], FileMode.CreateNew, FileAccess.Write))
            Assert.Equal(KernelCopy.ChunkBytes + 4096, KernelCopy.Copy(source, target, long.MaxValue, "a test copy"));

        using var copy = File.OpenRead(temp["copy"]);
        Assert.Equal(KernelCopy.ChunkBytes + 4096, copy.Length);
        var head = new byte[5];
        copy.ReadExactly(head);
        Assert.Equal("start"u8.ToArray(), head);
        copy.Position = KernelCopy.ChunkBytes;
        var mark = new byte[12];
        copy.ReadExactly(mark);
        Assert.Equal("second chunk"u8.ToArray(), mark);
    }

    [Fact]
    public void A_catalog_file_rewritten_once_copied_does_not_change_what_is_checked_and_published()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        var bundle = TarGz.Plugin("com.example.staged", "1.0.0").Build();
        catalog.Add("plugin.tar.gz", bundle, b => SharedKeys.Trusted.Sign(b));
        using var output = new TempDir();
        using var publication = SitePublication.Begin(output["site"]);
        var staged = new StagedBundles(publication);
        var keyring = new TrustedKeyring([new TrustedKey(SharedKeys.Trusted.PublicRing, "trusted.asc")]);
        var candidate = CatalogScanner.Candidate(catalog["plugin.tar.gz"], "plugin.tar.gz");

        var result = new BundleChecker(keyring, ArchiveLimits.Default).Check(candidate, (c, source, maxBytes) =>
        {
            var copy = staged.Copy(c, source, maxBytes);
            File.WriteAllBytes(c.FullPath, TarGz.Plugin("com.example.staged", "6.6.6").Build());
            return copy;
        });

        Assert.True(result.IsPublished, result.Reason);
        Assert.Equal("1.0.0", result.Version);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bundle)), result.Sha256);
        Assert.Equal(bundle, File.ReadAllBytes(staged.PathOf(candidate)!));
    }
}
