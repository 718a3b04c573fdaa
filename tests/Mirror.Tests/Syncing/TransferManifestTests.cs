using Mirror.Core;
using Mirror.Core.Syncing;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary><c>CATALOG/SHA256SUMS</c>: written by sync, checked by <c>mirror verify</c> and by <c>sha256sum -c</c>.</summary>
public sealed class TransferManifestTests
{
    [Fact]
    public async Task Verify_passes_on_the_synced_catalog_and_names_a_changed_a_missing_and_an_added_file()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        Assert.Equal(0, upstream.Sync().Code);
        var verified = MirrorCli.Run(["verify", upstream.Catalog]);
        Assert.True(verified.Code == 0, verified.Stderr);

        var bundle = upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz");
        var bytes = File.ReadAllBytes(bundle);
        bytes[^10] ^= 0x01;
        File.WriteAllBytes(bundle, bytes);
        File.Delete(upstream.CatalogFile("plugins/testplugin2-1.2.3.tar.gz.sig"));
        File.WriteAllText(upstream.CatalogFile("plugins/notes.txt"), "added later");

        var result = MirrorCli.Run(["verify", upstream.Catalog]);

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.Contains("mirror: SHA256SUMS: plugins/testplugin-0.0.1.tar.gz: changed since SHA256SUMS was written (SHA-256 differs)\n" +
            "mirror: SHA256SUMS: plugins/testplugin2-1.2.3.tar.gz.sig: missing (listed in SHA256SUMS)\n" +
            "mirror: SHA256SUMS: plugins/notes.txt: not listed in SHA256SUMS (added since)\n" +
            "mirror: the catalog differs from its SHA256SUMS in 3 place(s)\n", result.Stderr);
        Assert.NotEqual(0, Tool.Run("bash", ["-c", $"cd '{upstream.Catalog}' && sha256sum --check --quiet SHA256SUMS"]).ExitCode);
    }

    [Fact]
    public void Sums_are_written_in_sha256sum_format_and_escape_names_as_gnu_does()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp["plain.txt"], "a");
        File.WriteAllText(temp["back\\slash.txt"], "b");
        Directory.CreateDirectory(temp[".hidden"]);
        File.WriteAllText(temp[".hidden/skipped"], "c");

        TransferManifest.Write(temp.Path);

        Assert.Equal(0, Tool.Run("bash", ["-c", $"cd '{temp.Path}' && sha256sum --check --strict --quiet SHA256SUMS"]).ExitCode);
        Assert.Empty(TransferManifest.Check(temp.Path));
        Assert.Equal(2, File.ReadAllLines(temp["SHA256SUMS"]).Length);
        Assert.StartsWith("\\", File.ReadAllLines(temp["SHA256SUMS"])[0]);
    }

    [Fact]
    public void A_catalog_without_sums_is_verified_as_before() =>
        Assert.Empty(TransferManifest.Check(RepoPaths.SampleCatalog));
}
