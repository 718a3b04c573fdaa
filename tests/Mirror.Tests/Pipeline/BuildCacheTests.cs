using System.IO.Hashing;
using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Publishing;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Verification;
using Mirror.Tests.Support;

namespace Mirror.Tests.Pipeline;

/// <summary>
/// The build cache: unchanged bundles are neither read nor verified again and unchanged files are not rewritten,
/// anything changed (bundle, signature, trusted key) is checked afresh, a damaged or half-written cache is ignored,
/// and a cached build's site is byte-identical to a cold one.
/// </summary>
public sealed class BuildCacheTests
{
    /// <summary>The cache's trailer: the XXH128 of the rest.</summary>
    private const int ChecksumBytes = 16;

    internal static Func<byte[], byte[]> Signed => b => SharedKeys.Trusted.Sign(b);

    internal static TestCatalog ThreePlugins()
    {
        var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        foreach (var name in new[] { "alpha", "beta" })
            catalog.Add($"{name}.tar.gz", TarGz.Plugin($"com.example.{name}", "1.0.0").Build(), Signed);
        // A server plugin too: a cached reading must still know every file its manifest names.
        catalog.Add("gamma.tar.gz", TarGz.ServerPlugin("com.example.gamma", "1.0.0", ["linux-amd64", "windows-amd64"]).Build(), Signed);
        return catalog;
    }

    /// <summary>Another bundle of the same plugin version beta, signed: one changed bundle.</summary>
    internal static void ChangeBeta(TestCatalog catalog) =>
        catalog.Add("beta.tar.gz", TarGz.Plugin("com.example.beta", "1.0.0").File("com.example.beta/extra.txt", "changed").Build(), Signed);

    private static string CacheFile(TestCatalog catalog) => Path.Combine(BuildCache.DefaultFolder(catalog.SiteDir), BuildCache.FileName);

    private static Dictionary<string, ulong> Inodes(string site) => Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(site, f), f => FileIdentity.Of(f)!.Value.Inode);

    /// <summary>The same catalog built cold, with no cache and no previous site, elsewhere.</summary>
    private static string ColdSnapshot(TestCatalog catalog)
    {
        using var elsewhere = new TempDir();
        var result = SiteBuilder.Build(new BuildRequest(catalog.Dir, elsewhere["site"]) { NoCache = true });
        Assert.Equal(0, result.FromCache);
        Assert.False(Directory.Exists(BuildCache.DefaultFolder(elsewhere["site"])));
        return SiteSnapshot.Of(elsewhere["site"]);
    }

    [Fact]
    public void A_rebuild_of_an_unchanged_catalog_reads_no_bundle_and_leaves_every_file_of_the_site_as_it_was()
    {
        using var catalog = ThreePlugins();
        var first = catalog.Build();
        Assert.Equal((ExitCodes.Success, 0, false), (first.ExitCode, first.FromCache, first.SiteUnchanged));
        var inodes = Inodes(catalog.SiteDir);

        var second = catalog.Build();

        Assert.Equal((ExitCodes.Success, 3, true), (second.ExitCode, second.FromCache, second.SiteUnchanged));
        Assert.Equal(inodes, Inodes(catalog.SiteDir));
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
        Assert.All(second.Bundles, b => Assert.Equal(first.Bundles.Single(f => f.Candidate.RelativePath == b.Candidate.RelativePath).Sha256, b.Sha256));
    }

    /// <summary>Not even a staging folder made and deleted: the folder holding the output, its lock and cache folder is not written to.</summary>
    [Fact]
    public void A_rebuild_with_nothing_changed_creates_and_removes_nothing_beside_the_output()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        var parent = Path.GetDirectoryName(catalog.SiteDir)!;
        var before = FileIdentity.Of(parent);

        var result = catalog.Build();

        Assert.True(result.SiteUnchanged);
        Assert.Equal(before, FileIdentity.Of(parent));
    }

    /// <summary>
    /// A build that fails once the previous site's files are being looked at in the background (here its --report cannot
    /// be written) ends that look with it: the site is left as it was, and the next build finds nothing changed.
    /// </summary>
    [Fact]
    public void A_build_that_fails_while_the_previous_site_is_looked_at_leaves_it_as_it_was()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        var inodes = Inodes(catalog.SiteDir);

        // A report below a file: accepted at the start, it fails when written, halfway through the build.
        var file = Path.Combine(Path.GetDirectoryName(catalog.SiteDir)!, "a-file");
        File.WriteAllText(file, "");
        Assert.Throws<IOException>(() => SiteBuilder.Build(new BuildRequest(catalog.Dir, catalog.SiteDir) { ReportPath = Path.Combine(file, "report.json") }));
        var again = catalog.Build();

        Assert.Equal((ExitCodes.Success, true), (again.ExitCode, again.SiteUnchanged));
        Assert.Equal(inodes, Inodes(catalog.SiteDir));
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    /// <summary>A previous site let go of (the build over) looks at nothing more: its background look is ended, not left running.</summary>
    [Fact]
    public void Disposing_the_previous_site_ends_its_background_look()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        var site = catalog.SiteDir;
        var records = Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories)
            .Select(f => new SiteFileRecord(Path.GetRelativePath(site, f), "", FileIdentity.Of(f)!.Value, ""))
            .ToList();
        var previous = new PreviousSite(site, records);
        Assert.True(previous.IsIntact());

        var looked = new PreviousSite(site, records);
        looked.StartLooking();
        looked.Dispose();

        Assert.False(looked.IsIntact());
    }

    [Fact]
    public void A_file_touched_but_not_changed_is_known_by_its_hash()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        File.SetLastWriteTimeUtc(catalog["beta.tar.gz"], DateTime.UtcNow.AddHours(-1));

        var result = catalog.Build();

        Assert.Equal((3, true), (result.FromCache, result.SiteUnchanged));
    }

    [Fact]
    public void One_changed_bundle_is_read_again_and_the_other_bundles_are_taken_from_the_previous_site_unchanged()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        var inodes = Inodes(catalog.SiteDir);
        ChangeBeta(catalog);

        var result = catalog.Build();

        Assert.Equal((ExitCodes.Success, 2, false), (result.ExitCode, result.FromCache, result.SiteUnchanged));
        // The other two plugins' pages (a plugin page and a version page each) are kept, not rendered again.
        Assert.Equal(4, result.PagesKept);
        var now = Inodes(catalog.SiteDir);
        Assert.Equal(inodes["bundles/com.example.alpha/com.example.alpha-1.0.0.tar.gz"], now["bundles/com.example.alpha/com.example.alpha-1.0.0.tar.gz"]);
        Assert.Equal(inodes["plugins/com.example.gamma/index.html"], now["plugins/com.example.gamma/index.html"]);
        Assert.NotEqual(inodes["bundles/com.example.beta/com.example.beta-1.0.0.tar.gz"], now["bundles/com.example.beta/com.example.beta-1.0.0.tar.gz"]);
        Assert.Equal(File.ReadAllBytes(catalog["beta.tar.gz"]), File.ReadAllBytes(Path.Combine(catalog.SiteDir, "bundles/com.example.beta/com.example.beta-1.0.0.tar.gz")));
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    [Fact]
    public void A_report_file_that_holds_the_same_report_is_left_as_it_is_and_a_changed_one_is_replaced()
    {
        using var catalog = ThreePlugins();
        using var elsewhere = new TempDir();
        var report = elsewhere["report.json"];
        BuildRequest Request() => new(catalog.Dir, catalog.SiteDir) { ReportPath = report };
        SiteBuilder.Build(Request());
        var first = FileIdentity.Of(report)!.Value.Inode;

        SiteBuilder.Build(Request());
        Assert.Equal(first, FileIdentity.Of(report)!.Value.Inode);

        ChangeBeta(catalog);
        SiteBuilder.Build(Request());
        Assert.NotEqual(first, FileIdentity.Of(report)!.Value.Inode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(catalog.SiteDir, "report.json")), File.ReadAllBytes(report));
        Assert.Equal([report], Directory.GetFiles(elsewhere.Path));

        // Where the report goes is not what the site is made from.
        Assert.True(SiteBuilder.Build(new BuildRequest(catalog.Dir, catalog.SiteDir) { ReportPath = elsewhere["other.json"] }).SiteUnchanged);
    }

    [Fact]
    public void Changed_settings_render_every_page_again()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        File.WriteAllText(catalog["mirror.json"], """{"title": "Renamed mirror"}""");

        var result = catalog.Build();

        Assert.Equal((ExitCodes.Success, 3, 0), (result.ExitCode, result.FromCache, result.PagesKept));
        Assert.Contains("Renamed mirror", File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins/com.example.alpha/index.html")));
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    [Fact]
    public void What_a_cached_bundle_was_found_to_hold_renders_the_same_site_as_a_fresh_read()
    {
        using var catalog = ThreePlugins();
        // Everything an inspection finds: a YAML manifest, a README, a minimum server version, URLs, a warning (the icon
        // is not an SVG), and a platform bundle.
        catalog.Add("delta.tar.gz", new TarGz().Folder("delta/")
            .File("delta/plugin.yaml", "id: com.example.delta\nname: Delta\ndescription: Y\nversion: 2.0.0-rc.1\nmin_server_version: 9.5.0\n" +
                "homepage_url: https://example.com/delta\nrelease_notes_url: https://example.com/delta/notes\nicon_path: icon.png\n")
            .File("delta/icon.png", "not an svg")
            .File("delta/README.md", "# Delta\n\nRead *me*.").Build(), Signed);
        catalog.Add("epsilon-linux.tar.gz", TarGz.ServerPlugin("com.example.epsilon", "1.0.0", ["linux-amd64"], "10.0.0").Build(), Signed);
        catalog.Build();
        File.WriteAllText(catalog["mirror.json"], """{"title": "Renamed mirror"}""");

        var result = catalog.Build();

        Assert.Equal((ExitCodes.Success, 5, 0), (result.ExitCode, result.FromCache, result.PagesKept));
        Assert.Contains(result.Bundles, b => b.Warnings.Any(w => w.Contains("icon", StringComparison.Ordinal)));
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    [Fact]
    public void A_plugin_page_changed_by_hand_is_rendered_again()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        File.AppendAllText(Path.Combine(catalog.SiteDir, "plugins/com.example.alpha/index.html"), "defaced");
        ChangeBeta(catalog);

        var result = catalog.Build();

        Assert.Equal(3, result.PagesKept);
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    [Fact]
    public void A_changed_signature_is_verified_again()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        File.WriteAllBytes(catalog["beta.tar.gz.sig"], SharedKeys.Trusted.Sign("other bytes"u8.ToArray()));

        var result = catalog.Build();

        Assert.Equal(ExitCodes.PartiallyPublished, result.ExitCode);
        Assert.Equal(2, result.FromCache);
        Assert.Equal("bad-signature", result.Bundles.Single(b => b.Candidate.RelativePath == "beta.tar.gz").ReasonCode);
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    [Fact]
    public void A_signature_touched_but_not_changed_is_known_by_its_bytes()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        File.SetLastWriteTimeUtc(catalog["beta.tar.gz.sig"], DateTime.UtcNow.AddHours(-1));

        var result = catalog.Build();

        Assert.Equal((3, true), (result.FromCache, result.SiteUnchanged));
    }

    [Fact]
    public void A_signature_replaced_by_a_link_to_the_same_bytes_is_refused_as_a_cold_build_refuses_it()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        var signature = catalog["beta.tar.gz.sig"];
        File.Move(signature, catalog["beta.sig.real"]);
        File.CreateSymbolicLink(signature, catalog["beta.sig.real"]);

        var result = catalog.Build();

        Assert.Equal(2, result.FromCache);
        Assert.Equal("malformed-signature", result.Bundles.Single(b => b.Candidate.RelativePath == "beta.tar.gz").ReasonCode);
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    /// <summary>
    /// Files changed within two seconds of being looked at are always read again (racy, as git says), so this test
    /// waits that long once to see the cheap path: files known by their identity alone, the cache left as it was.
    /// </summary>
    [Fact]
    public void Files_older_than_the_racy_window_are_known_by_their_identity_and_an_edit_that_keeps_size_and_time_is_still_seen()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        Thread.Sleep(TimeSpan.FromSeconds(2.1));
        catalog.Build();
        var cacheWritten = File.GetLastWriteTimeUtc(CacheFile(catalog));

        var quiet = catalog.Build();

        Assert.Equal((3, true), (quiet.FromCache, quiet.SiteUnchanged));
        Assert.Equal(cacheWritten, File.GetLastWriteTimeUtc(CacheFile(catalog)));

        var signature = catalog["beta.tar.gz.sig"];
        var (bytes, modified) = (File.ReadAllBytes(signature), File.GetLastWriteTimeUtc(signature));
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(signature, bytes);
        File.SetLastWriteTimeUtc(signature, modified);

        var edited = catalog.Build();

        Assert.Equal(2, edited.FromCache);
        Assert.NotEqual(ExitCodes.Success, edited.ExitCode);
        Assert.Equal("bad-signature", edited.Bundles.Single(b => b.Candidate.RelativePath == "beta.tar.gz").ReasonCode);
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    [Fact]
    public void Changed_trusted_keys_make_every_bundle_checked_again()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        File.Delete(Path.Combine(catalog["keys"], "trusted.asc"));
        catalog.Trust(SharedKeys.Stranger, "stranger.asc");

        var result = catalog.Build();

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(0, result.FromCache);
        Assert.All(result.Bundles, b => Assert.Equal("unknown-signer", b.ReasonCode));
    }

    [Theory]
    [InlineData("flipped byte")]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("not a cache")]
    [InlineData("a manifest that is not UTF-8, checksum made again")]
    [InlineData("a named pipe")]
    [InlineData("garbage after the first record's name, checksum made again")]
    [InlineData("garbage after the first record's name")]
    [InlineData("checksum only")]
    [InlineData("a trailing byte")]
    public void A_damaged_cache_is_ignored_and_replaced(string damage)
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        var bytes = File.ReadAllBytes(CacheFile(catalog));
        File.Delete(CacheFile(catalog));
        if (damage == "a named pipe")
            SpecialFiles.Fifo(CacheFile(catalog));
        else
        {
            File.WriteAllBytes(CacheFile(catalog), damage switch
            {
                "flipped byte" => [.. bytes[..100], (byte)(bytes[100] ^ 1), .. bytes[101..]],
                "truncated" => bytes[..(bytes.Length / 2)],
                "empty" => [],
                "not a cache" => "PK\u0003\u0004 something else entirely"u8.ToArray(),
                "garbage after the first record's name, checksum made again" => WithGarbage(bytes, checksum: true),
                "garbage after the first record's name" => WithGarbage(bytes, checksum: false),
                "checksum only" => bytes[^ChecksumBytes..],
                "a trailing byte" => [.. bytes, 0],
                _ => WithInvalidManifest(bytes),
            });
        }

        var result = SpecialFiles.Finishes(() => catalog.Build());

        Assert.Equal((ExitCodes.Success, 0, false), (result.ExitCode, result.FromCache, result.SiteUnchanged));
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
        Assert.Equal(3, catalog.Build().FromCache);
    }

    [Fact]
    public void A_huge_record_count_followed_by_a_hole_of_zeros_is_refused_without_filling_the_memory()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        var path = CacheFile(catalog);
        var bytes = File.ReadAllBytes(path);
        using (var reader = new BinaryReader(new MemoryStream(bytes)))
        {
            // The header (magic, tool, checks key, output, site key), then the count of check records made huge.
            for (var i = 0; i < 5; i++)
                reader.ReadString();
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
            file.Write(bytes.AsSpan(0, (int)reader.BaseStream.Position));
            file.Write(BitConverter.GetBytes(int.MaxValue));
            // Zeros parse as endless empty records, each one valid: sparse, 256 MB the disk does not hold.
            file.SetLength(file.Length + (256 << 20));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var loaded = BuildCache.Load(BuildCache.DefaultFolder(catalog.SiteDir), "", catalog.SiteDir);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal("", loaded.SiteKey);
        Assert.Empty(loaded.Checks.Records);
        Assert.True(allocated < 16 << 20, $"{allocated:N0} bytes allocated");
        var result = SpecialFiles.Finishes(() => catalog.Build());
        Assert.Equal((ExitCodes.Success, 0), (result.ExitCode, result.FromCache));
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    /// <summary>
    /// A record written wrong under a valid checksum: a signature checked, yet no signer and no refusal. Such a cache
    /// made every build fail with an internal error until it was deleted; now it is ignored, and the build is cold.
    /// </summary>
    [Fact]
    public void A_cached_reading_with_no_verdict_makes_the_build_cold_instead_of_failing_it()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        var folder = BuildCache.DefaultFolder(catalog.SiteDir);
        var input = CatalogInput.Load(catalog.Dir);
        var checksKey = BuildKeys.Checks(input.Keyring, ArchiveLimits.Default);
        var cache = BuildCache.Load(folder, checksKey, catalog.SiteDir);
        cache.Previous.StopLooking();
        Assert.All(input.Candidates, c => Assert.NotNull(cache.Checks.Find(c)));
        var records = cache.Checks.Records.ToList();
        Assert.Equal(3, records.Count);
        records[0] = records[0] with { Reading = records[0].Reading with { Signature = new VerificationResult(null, null, []) } };
        BuildCache.Save(folder, checksKey, catalog.SiteDir, cache.SiteKey, records, cache.Previous.Records);

        var result = catalog.Build();

        Assert.Equal((ExitCodes.Success, 0), (result.ExitCode, result.FromCache));
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    /// <summary>The cache is parsed as it is read, before its checksum is known: what follows the header is random (huge lengths too).</summary>
    private static byte[] WithGarbage(byte[] cache, bool checksum)
    {
        var body = cache[..^ChecksumBytes];
        var at = body.AsSpan().IndexOf("alpha.tar.gz"u8) + "alpha.tar.gz".Length;
        Assert.True(at > 20);
        new Random(7).NextBytes(body.AsSpan(at));
        return [.. body, .. checksum ? XxHash128.Hash(body) : cache[^ChecksumBytes..]];
    }

    /// <summary>A record written wrong, not damaged on disk: a cached manifest's bytes are no longer UTF-8, the checksum fits.</summary>
    private static byte[] WithInvalidManifest(byte[] cache)
    {
        var body = cache[..^ChecksumBytes];
        var at = body.AsSpan().IndexOf("\"com.example.alpha\""u8);
        Assert.True(at > 0);
        body[at + 1] = 0xFF;
        return [.. body, .. XxHash128.Hash(body)];
    }

    [Fact]
    public void What_a_killed_build_leaves_a_half_written_temporary_cache_and_a_staging_folder_is_ignored_and_cleaned()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        var cacheFolder = BuildCache.DefaultFolder(catalog.SiteDir);
        File.WriteAllBytes(Path.Combine(cacheFolder, $"{BuildCache.FileName}.99999.tmp"), File.ReadAllBytes(CacheFile(catalog))[..50]);
        var staging = Path.Combine(Path.GetDirectoryName(catalog.SiteDir)!, ".site.staging");
        Directory.CreateDirectory(Path.Combine(staging, "bundles"));
        // A build marks its staging folder as a site first thing; only a folder so marked is taken for its leftover.
        File.WriteAllText(Path.Combine(staging, SitePublication.MarkerFile), "");
        File.WriteAllText(Path.Combine(staging, "bundles", "half.tar.gz"), "half");

        var result = catalog.Build();

        Assert.Equal((3, true), (result.FromCache, result.SiteUnchanged));
        Assert.False(Directory.Exists(staging));
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    [Fact]
    public void A_file_of_the_site_changed_by_hand_is_put_back()
    {
        using var catalog = ThreePlugins();
        catalog.Build();
        File.WriteAllText(Path.Combine(catalog.SiteDir, "index.html"), "defaced");
        File.Delete(Path.Combine(catalog.SiteDir, "bundles/com.example.alpha/com.example.alpha-1.0.0.tar.gz"));

        var result = catalog.Build();

        // The deleted bundle is copied from the catalog again, so it is read (and checked) again.
        Assert.Equal((2, false), (result.FromCache, result.SiteUnchanged));
        Assert.Equal(ColdSnapshot(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    [Fact]
    public void The_cache_folder_can_be_moved_or_switched_off_from_the_command_line()
    {
        using var catalog = ThreePlugins();
        using var elsewhere = new TempDir();

        var moved = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--cache", elsewhere["cache"]);
        var again = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--cache", elsewhere["cache"]);
        var cold = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--no-cache");

        Assert.Equal((0, 0, 0), (moved.Code, again.Code, cold.Code));
        Assert.True(File.Exists(Path.Combine(elsewhere["cache"], BuildCache.FileName)));
        Assert.False(Directory.Exists(BuildCache.DefaultFolder(catalog.SiteDir)));
        Assert.Contains("mirror: 3 bundle(s) checked (3 unchanged since the last build, known from the cache): 3 published", again.Stderr);
        Assert.Contains($"mirror: nothing changed; the site in {catalog.SiteDir} is left as it is", again.Stderr);
        Assert.Contains("mirror: 3 bundle(s) checked: 3 published", cold.Stderr);
        // After the cold build the cache describes another site: the first build after it writes, the next one does not.
        string Json() => MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--cache", elsewhere["cache"], "--json").Stdout;
        Assert.Contains("\"site_published\": true,\n  \"site_unchanged\": false,", Json(), StringComparison.Ordinal);
        Assert.Contains("\"site_published\": true,\n  \"site_unchanged\": true,", Json(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cache_and_no_cache_together_are_bad_usage()
    {
        using var catalog = ThreePlugins();
        using var elsewhere = new TempDir();

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--cache", elsewhere["cache"], "--no-cache");

        Assert.Equal((ExitCodes.BadUsage, "mirror: --cache and --no-cache ask for opposite things; give one of them\n"), (result.Code, result.Stderr));
        Assert.False(Directory.Exists(catalog.SiteDir));
    }
}
