using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Core.Bundles;
using Mirror.Core.Pipeline;
using Mirror.Tests.Support;

namespace Mirror.Tests.Verification;

/// <summary>
/// The site's file names of the bundles: never one name for two bundles, never one longer than a file system holds;
/// the bundles that would break either are refused each for itself, by <c>verify</c> as by <c>build</c>.
/// </summary>
public sealed class SiteNameTests
{
    private static Func<byte[], byte[]> Signed => b => SharedKeys.Trusted.Sign(b);

    [Fact]
    public void A_version_and_a_platform_that_spell_one_file_name_are_both_refused_and_the_rest_publish()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("generic.tar.gz", TarGz.Plugin("com.example.p", "1.0.0-linux-amd64").Build(), Signed);
        catalog.Add("amd.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", ["linux-amd64"]).Build(), Signed);
        catalog.Add("arm.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", ["linux-arm64"]).Build(), Signed);
        catalog.Add("other.tar.gz", TarGz.Plugin("com.example.other", "1.0.0").Build(), Signed);

        var result = BuildAndVerify(catalog);

        Assert.Equal("amd.tar.gz: conflict: com.example.p 1.0.0 for linux-amd64 would be published as bundles/com.example.p/com.example.p-1.0.0-linux-amd64.tar.gz, " +
            "as would generic.tar.gz (another version or platform that spells the same file name)", Reason(result, "amd.tar.gz"));
        Assert.Equal("generic.tar.gz: conflict: com.example.p 1.0.0-linux-amd64 would be published as bundles/com.example.p/com.example.p-1.0.0-linux-amd64.tar.gz, " +
            "as would amd.tar.gz (another version or platform that spells the same file name)", Reason(result, "generic.tar.gz"));
        Assert.Equal(BundleRefusalCodes.Conflict, result.Bundles.Single(b => b.Candidate.RelativePath == "generic.tar.gz").ReasonCode);
        // Left alone in its version, the arm64 bundle is its generic one.
        Assert.Equal(["arm.tar.gz", "other.tar.gz"], result.Bundles.Where(b => b.IsPublished).Select(b => b.Candidate.RelativePath));
        Assert.True(File.Exists(Path.Combine(catalog.SiteDir, "bundles/com.example.p/com.example.p-1.0.0.tar.gz")));
    }

    [Fact]
    public void A_bundle_that_takes_a_freed_name_once_its_version_loses_a_bundle_is_refused_too()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        // G and Y spell one name; with Y refused, X is alone in its version and takes its generic name, Z's.
        catalog.Add("g.tar.gz", TarGz.Plugin("com.example.p", "2.0.0-linux-amd64-linux-arm64").Build(), Signed);
        catalog.Add("y.tar.gz", TarGz.ServerPlugin("com.example.p", "2.0.0-linux-amd64", ["linux-arm64"]).Build(), Signed);
        catalog.Add("x.tar.gz", TarGz.ServerPlugin("com.example.p", "2.0.0-linux-amd64", ["darwin-amd64"]).Build(), Signed);
        catalog.Add("z.tar.gz", TarGz.ServerPlugin("com.example.p", "2.0.0", ["linux-amd64"]).Build(), Signed);
        catalog.Add("z2.tar.gz", TarGz.ServerPlugin("com.example.p", "2.0.0", ["linux-arm64"]).Build(), Signed);

        var result = BuildAndVerify(catalog);

        Assert.Equal(["z2.tar.gz"], result.Bundles.Where(b => b.IsPublished).Select(b => b.Candidate.RelativePath));
        Assert.Equal("x.tar.gz: conflict: com.example.p 2.0.0-linux-amd64 would be published as bundles/com.example.p/com.example.p-2.0.0-linux-amd64.tar.gz, " +
            "as would z.tar.gz (another version or platform that spells the same file name)", Reason(result, "x.tar.gz"));
        Assert.All(result.Bundles.Where(b => !b.IsPublished), b => Assert.Equal(BundleRefusalCodes.Conflict, b.ReasonCode));
        Assert.Equal(["com.example.p-2.0.0.tar.gz", "com.example.p-2.0.0.tar.gz.sig"],
            Directory.EnumerateFiles(Path.Combine(catalog.SiteDir, "bundles/com.example.p")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_bundle_whose_site_file_name_would_pass_255_bytes_is_refused_and_the_rest_publish()
    {
        var id = "com.example." + new string('i', 178);
        var fits = "1.0.0-" + new string('v', 47);
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("long.tar.gz", TarGz.Plugin(id, "1.0.0-" + new string('v', 80)).Build(), Signed);
        // ID-VERSION.tar.gz.sig is 255 bytes: it fits, but not beside a platform, which the bundle for one platform
        // carries whenever its version has another bundle: refused even alone, whatever else the catalog holds.
        catalog.Add("fits.tar.gz", TarGz.Plugin(id, fits).Build(), Signed);
        catalog.Add("platform.tar.gz", TarGz.ServerPlugin(id, "2.0.0-" + new string('v', 47), ["linux-amd64"]).Build(), Signed);
        catalog.Add("other.tar.gz", TarGz.Plugin("com.example.other", "1.0.0").Build(), Signed);

        var result = BuildAndVerify(catalog);

        Assert.Equal(190, id.Length);
        Assert.Equal(["fits.tar.gz", "other.tar.gz"], result.Bundles.Where(b => b.IsPublished).Select(b => b.Candidate.RelativePath));
        Assert.Equal("long.tar.gz: its signature's file name in the site would be 288 bytes long, more than the 255 a file name can hold " +
            "(an id of 190 characters and a version of 86 are too long together)", Reason(result, "long.tar.gz"));
        Assert.Contains("would be 267 bytes long", Reason(result, "platform.tar.gz"));
        Assert.All(result.Bundles.Where(b => !b.IsPublished), b => Assert.Equal(BundleRefusalCodes.NameTooLong, b.ReasonCode));
        Assert.True(File.Exists(Path.Combine(catalog.SiteDir, "bundles", id, $"{id}-{fits}.tar.gz.sig")));
    }

    private static string Reason(BuildResult result, string file) => result.Bundles.Single(b => b.Candidate.RelativePath == file).Reason;

    /// <summary>Builds the catalog (exit 3: some published, some refused) and checks that <c>verify</c> says the same of every bundle.</summary>
    private static BuildResult BuildAndVerify(TestCatalog catalog)
    {
        var result = catalog.Build();
        Assert.Equal(ExitCodes.PartiallyPublished, result.ExitCode);

        var verify = MirrorCli.Run("verify", catalog.Dir, "--json");
        Assert.Equal(ExitCodes.PartiallyPublished, verify.Code);
        var verified = JsonNode.Parse(verify.Stdout)!["bundles"]!.AsArray()
            .Select(b => $"{b!["file"]} {b["status"]} {b["reason_code"]} {b["reason"]}");
        var built = result.Bundles.OrderBy(b => b.Candidate.RelativePath, StringComparer.Ordinal)
            .Select(b => $"{b.Candidate.RelativePath} {(b.IsPublished ? "published" : "rejected")} {b.ReasonCode} {b.Reason}");
        Assert.Equal(built, verified);
        return result;
    }
}
