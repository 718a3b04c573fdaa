using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Core.Bundles;
using Mirror.Tests.Support;

namespace Mirror.Tests.Model;

/// <summary>A version's generic bundle and its bundles built for one platform each (marketplace.md §3, issue 9).</summary>
public sealed class PlatformBundleTests
{
    private static Func<byte[], byte[]> Signed => b => SharedKeys.Trusted.Sign(b);

    private static readonly string[] Generic = ["linux-amd64", "darwin-amd64", "windows-amd64"];

    [Fact]
    public void A_generic_bundle_and_single_platform_bundles_are_one_version_not_a_conflict()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("p.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", Generic).Build(), Signed);
        catalog.Add("p-arm.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", ["linux-arm64"]).Build(), Signed);
        catalog.Add("p-amd.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", ["linux-amd64"]).Build(), Signed);

        var result = catalog.Build();

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var version = Assert.Single(Assert.Single(result.Catalog.Plugins).Versions);
        Assert.NotNull(version.Generic);
        Assert.Equal(["linux-amd64", "linux-arm64"], version.ByPlatform.Keys);
        Assert.Equal("bundles/com.example.p/com.example.p-1.0.0-linux-arm64.tar.gz", version.ByPlatform["linux-arm64"].SitePath);
        Assert.True(File.Exists(Path.Combine(catalog.SiteDir, version.ByPlatform["linux-arm64"].SignatureSitePath)));

        var entry = Assert.Single(JsonNode.Parse(File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins.json")))!.AsArray())!;
        Assert.Equal("http://localhost:8080/bundles/com.example.p/com.example.p-1.0.0.tar.gz", entry["download_url"]!.GetValue<string>());
        var platforms = entry["platforms"]!.AsObject();
        Assert.Equal(["linux-amd64", "linux-arm64"], platforms.Select(p => p.Key));
        Assert.Equal("http://localhost:8080/bundles/com.example.p/com.example.p-1.0.0-linux-arm64.tar.gz", platforms["linux-arm64"]!["download_url"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(File.ReadAllBytes(catalog["p-arm.tar.gz.sig"])), platforms["linux-arm64"]!["signature"]!.GetValue<string>());
        // The pages offer a download per platform; the report says which platform each bundle is built for.
        foreach (var page in new[] { "plugins/com.example.p/index.html", "plugins/com.example.p/1.0.0/index.html" })
        {
            var html = File.ReadAllText(Path.Combine(catalog.SiteDir, page));
            foreach (var file in new[] { "com.example.p-1.0.0.tar.gz", "com.example.p-1.0.0-linux-amd64.tar.gz", "com.example.p-1.0.0-linux-arm64.tar.gz" })
            {
                Assert.Contains($"{file}\" download>", html);
                Assert.Contains($"{file}.sig\" download>", html);
            }
        }

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(catalog.SiteDir, "report.json")))!["bundles"]!.AsArray();
        Assert.Equal(["p-amd.tar.gz:linux-amd64", "p-arm.tar.gz:linux-arm64", "p.tar.gz:"],
            report.Select(b => $"{b!["file"]}:{b["platform"]}"));
    }

    [Fact]
    public void A_version_with_only_platform_bundles_has_no_generic_download()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("p-arm.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", ["linux-arm64"]).Build(), Signed);
        catalog.Add("p-amd.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", ["linux-amd64"]).Build(), Signed);
        catalog.Add("q.tar.gz", TarGz.ServerPlugin("com.example.q", "1.0.0", ["linux-arm64"]).Build(), Signed);

        var result = catalog.Build();

        var version = Assert.Single(result.Catalog.Plugins[0].Versions);
        Assert.Null(version.Generic);
        var entries = JsonNode.Parse(File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins.json")))!.AsArray();
        Assert.Equal("", entries[0]!["download_url"]!.GetValue<string>());
        Assert.Equal("", entries[0]!["signature"]!.GetValue<string>());
        Assert.Equal(["linux-amd64", "linux-arm64"], entries[0]!["platforms"]!.AsObject().Select(p => p.Key));

        // A version's only bundle is its generic one, whatever it names: listed as the official marketplace lists it.
        var lone = Assert.Single(result.Catalog.Plugins[1].Versions);
        Assert.NotNull(lone.Generic);
        Assert.Empty(lone.ByPlatform);
        Assert.Equal("http://localhost:8080/bundles/com.example.q/com.example.q-1.0.0.tar.gz", entries[1]!["download_url"]!.GetValue<string>());
    }

    [Fact]
    public void Two_bundles_for_the_same_platform_or_two_generic_bundles_conflict()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("a/arm.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", ["linux-arm64"], name: "One").Build(), Signed);
        catalog.Add("b/arm.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", ["linux-arm64"], name: "Two").Build(), Signed);
        catalog.Add("a/all.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", Generic).Build(), Signed);
        catalog.Add("b/all.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", ["linux-amd64", "linux-arm64"]).Build(), Signed);
        catalog.Add("c/amd.tar.gz", TarGz.ServerPlugin("com.example.p", "1.0.0", ["linux-amd64"]).Build(), Signed);

        var result = catalog.Build();

        string Reason(string file) => result.Bundles.Single(b => b.Candidate.RelativePath == file).Reason;
        Assert.Equal("a/arm.tar.gz: conflict: a/arm.tar.gz, b/arm.tar.gz all claim com.example.p 1.0.0 for linux-arm64 with different contents", Reason("a/arm.tar.gz"));
        Assert.Equal("b/all.tar.gz: conflict: a/all.tar.gz, b/all.tar.gz all claim com.example.p 1.0.0 with different contents", Reason("b/all.tar.gz"));
        Assert.Equal(BundleRefusalCodes.Conflict, result.Bundles.Single(b => b.Candidate.RelativePath == "b/arm.tar.gz").ReasonCode);
        var version = Assert.Single(Assert.Single(result.Catalog.Plugins).Versions);
        Assert.Equal("c/amd.tar.gz", version.Generic!.Check.Candidate.RelativePath);
        Assert.Empty(version.ByPlatform);
    }
}
