using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Pipeline;
using Mirror.Core.Scanning;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Keys;
using Mirror.Tests.Support;

namespace Mirror.Tests.Hardening;

/// <summary>
/// The whole hostile corpus in one catalog beside good bundles: each refused with a one-line reason naming the file,
/// the good ones published, exit 3 (1 with --strict), the catalog untouched, nothing written outside the output, and
/// the bombs read only up to their caps.
/// </summary>
public sealed class HostileCorpusTests : IClassFixture<HostileCorpusTests.Corpus>
{
    private readonly Corpus corpus;

    public HostileCorpusTests(Corpus corpus) => this.corpus = corpus;

    public sealed class Corpus : IDisposable
    {
        public Corpus()
        {
            Catalog = new TestCatalog().Trust(SharedKeys.Trusted)
                .Settings("""{"plugins": {"com.example.hostile": {"author_type": "community"}}}""");
            Catalog.Add("good/good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
            Catalog.Add("good/hostile-text.tar.gz", HostilePlugin.Bundle(), b => SharedKeys.Trusted.Sign(b));
            foreach (var bundle in HostileCorpus.Bundles())
            {
                var bytes = bundle.Bundle();
                var signature = bundle.Sign(bytes);
                Catalog.Add(bundle.File, bytes, signature is null ? null : _ => signature);
            }
        }

        public TestCatalog Catalog { get; }

        public void Dispose() => Catalog.Dispose();
    }

    [Fact]
    public void Every_hostile_bundle_is_refused_with_its_reason_and_the_good_ones_publish()
    {
        var catalogBefore = SiteSnapshot.Of(corpus.Catalog.Dir);

        var result = corpus.Catalog.Build();

        Assert.Equal(ExitCodes.PartiallyPublished, result.ExitCode);
        Assert.Equal(["good/good.tar.gz", "good/hostile-text.tar.gz"],
            result.Bundles.Where(b => b.IsPublished).Select(b => b.Candidate.RelativePath));
        foreach (var expected in HostileCorpus.Bundles())
        {
            var bundle = result.Bundles.Single(b => b.Candidate.RelativePath == expected.File);
            Assert.True(expected.Code == bundle.ReasonCode, $"{expected.File}: expected {expected.Code}, got {bundle.ReasonCode}: {bundle.Reason}");
            Assert.StartsWith(expected.File + ": ", bundle.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', bundle.Reason);
        }

        Assert.Equal("manifest/duplicate-key.tar.gz: plugin.json holds the key \"version\" twice (Go keeps the last, other readers the first); a manifest must say one thing",
            result.Bundles.Single(b => b.Candidate.RelativePath == "manifest/duplicate-key.tar.gz").Reason);
        Assert.Contains("a sparse file entry (PAX GNU.sparse.", result.Bundles.Single(b => b.Candidate.RelativePath == "escape/sparse-rename.tar.gz").Reason);
        Assert.Contains("a sparse file entry (PAX GNU.sparse.", result.Bundles.Single(b => b.Candidate.RelativePath == "escape/sparse-0.1.tar.gz").Reason);
        Assert.EndsWith(": a PAX global header that sets \"path\" for every entry", result.Bundles.Single(b => b.Candidate.RelativePath == "escape/pax-global-path.tar.gz").Reason);
        Assert.EndsWith(": damaged archive: data after the last gzip member", result.Bundles.Single(b => b.Candidate.RelativePath == "damaged/trailing-forged-size.tar.gz").Reason);
        Assert.Equal("manifest/metadata-a.tar.gz: conflict: manifest/metadata-a.tar.gz, manifest/metadata-b.tar.gz all claim com.example.metadata 1.0.0+build.5, 1.0.0+build.7 (equal precedence: build metadata does not order versions, so Mattermost cannot tell which is newer) with different contents",
            result.Bundles.Single(b => b.Candidate.RelativePath == "manifest/metadata-a.tar.gz").Reason);
        Assert.Equal("manifest/missing-webapp.tar.gz: plugin.json: \"webapp.bundle_path\" \"webapp/dist/main.js\" is not a file in the bundle; Mattermost would fail to enable the plugin",
            result.Bundles.Single(b => b.Candidate.RelativePath == "manifest/missing-webapp.tar.gz").Reason);
        Assert.EndsWith("has a number above 18446744073709551615 (2^64-1), which Mattermost cannot compare", result.Bundles.Single(b => b.Candidate.RelativePath == "manifest/version-above-uint64.tar.gz").Reason);
        Assert.Contains("manifest/conflict-b.tar.gz", result.Bundles.Single(b => b.Candidate.RelativePath == "manifest/conflict-a.tar.gz").Reason);
        Assert.Equal(catalogBefore, SiteSnapshot.Of(corpus.Catalog.Dir));
        var root = Path.GetDirectoryName(corpus.Catalog.SiteDir)!;
        Assert.Equal([".site.cache", ".site.lock", "catalog", "site"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // javascript: URLs are dropped from the JSON Mattermost renders as links, not only from our pages.
        var listing = JsonNode.Parse(File.ReadAllText(Path.Combine(corpus.Catalog.SiteDir, "plugins.json")))!.AsArray();
        var answered = Directory.EnumerateFiles(Path.Combine(corpus.Catalog.SiteDir, "api/v1/answers"))
            .SelectMany(answer => JsonNode.Parse(File.ReadAllText(answer))!.AsArray()).ToList();
        Assert.All(answered, e => Assert.DoesNotContain("javascript:", e!["homepage_url"]!.GetValue<string>() + e["release_notes_url"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase));
        var hostile = listing.Single(e => e!["manifest"]!["id"]!.GetValue<string>() == HostilePlugin.Id)!;
        Assert.Equal("", hostile["homepage_url"]!.GetValue<string>());
        Assert.Equal("", hostile["release_notes_url"]!.GetValue<string>());
    }

    [Fact]
    public void The_real_command_says_one_line_per_refusal_and_never_prints_a_stack_trace()
    {
        using var output = new TempDir();
        var result = MirrorProcess.Run(["build", corpus.Catalog.Dir, "--output", output["site"]]);

        Assert.Equal(ExitCodes.PartiallyPublished, result.ExitCode);
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        foreach (var bundle in HostileCorpus.Bundles())
            Assert.Single(lines, l => l.StartsWith($"  rejected {bundle.File}: ", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches("^(mirror: |  rejected |  warning )", l));
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_publishes_nothing_and_exits_1()
    {
        using var output = new TempDir();
        var result = SiteBuilder.Build(new BuildRequest(corpus.Catalog.Dir, output["site"]) { Strict = true });
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.False(Directory.Exists(output["site"]));
    }

    [Theory]
    [InlineData("bomb/manifest.tar.gz")]
    [InlineData("bomb/icon.tar.gz")]
    [InlineData("bomb/pax-header.tar.gz")]
    [InlineData("bomb/gnu-long-name.tar.gz")]
    [InlineData("bomb/yaml-aliases.tar.gz")]
    public void A_bomb_is_refused_without_holding_what_it_claims(string file)
    {
        var keyring = new TrustedKeyring([new TrustedKey(SharedKeys.Trusted.PublicRing, "trusted.asc")]);
        var candidate = CatalogScanner.Candidate(corpus.Catalog[file], file);
        var checker = new BundleChecker(keyring, ArchiveLimits.Default);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var bundle = checker.Check(candidate);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(bundle.IsPublished);
        Assert.True(allocated < 32L << 20, $"{file}: {allocated:N0} bytes allocated while refusing it ({bundle.Reason})");
    }
}
