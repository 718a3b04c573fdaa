using Mirror.Core;
using Mirror.Core.Bundles;
using Mirror.Core.Verification;
using Mirror.Tests.Support;

namespace Mirror.Tests.Pipeline;

/// <summary>Exit codes, the report, conflicts, strictness and the previous site's safety.</summary>
public sealed class BuildOutcomeTests
{
    private static Func<byte[], byte[]> Signed => b => SharedKeys.Trusted.Sign(b);

    [Fact]
    public void Some_rejected_publishes_the_rest_and_exits_3()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), Signed);
        catalog.Add("sub/unsigned.tar.gz", TarGz.Plugin("com.example.unsigned", "1.0.0").Build(), null);

        var result = catalog.Build();

        Assert.Equal(ExitCodes.PartiallyPublished, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(catalog.SiteDir, "bundles/com.example.good/com.example.good-1.0.0.tar.gz")));
        var report = File.ReadAllText(Path.Combine(catalog.SiteDir, "report.json"));
        Assert.Contains("\"file\": \"sub/unsigned.tar.gz\"", report);
        Assert.Contains("\"status\": \"rejected\"", report);
    }

    [Fact]
    public void Strict_publishes_nothing_when_anything_is_rejected()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), Signed);
        catalog.Add("unsigned.tar.gz", TarGz.Plugin("com.example.unsigned", "1.0.0").Build(), null);
        var result = catalog.Build(strict: true);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.False(Directory.Exists(catalog.SiteDir));
    }

    [Fact]
    public void Nothing_published_leaves_the_previous_site_untouched()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), Signed);
        Assert.Equal(ExitCodes.Success, catalog.Build().ExitCode);
        var before = SiteSnapshot.Of(catalog.SiteDir);

        File.Delete(catalog["good.tar.gz.sig"]);
        var result = catalog.Build();

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(before, SiteSnapshot.Of(catalog.SiteDir));
        Assert.Equal([".site.cache"], Directory.GetDirectories(Path.GetDirectoryName(catalog.SiteDir)!, ".site.*").Select(Path.GetFileName));
    }

    [Fact]
    public void Identical_copies_are_one_bundle_and_different_contents_for_one_version_conflict()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        var same = TarGz.Plugin("com.example.same", "1.0.0").Build();
        catalog.Add("a/same.tar.gz", same, Signed);
        catalog.Add("b/same.tar.gz", same, Signed);
        catalog.Add("x/clash.tar.gz", TarGz.Plugin("com.example.clash", "2.0.0", name: "One").Build(), Signed);
        catalog.Add("y/clash.tar.gz", TarGz.Plugin("com.example.clash", "2.0.0", name: "Two").Build(), Signed);

        var result = catalog.Build();

        Assert.Equal(["com.example.same"], result.Catalog.Plugins.Select(p => p.Id));
        Assert.Equal("a/same.tar.gz", Assert.IsType<AcceptedBundle>(result.Bundles.Single(b => b.Candidate.RelativePath == "b/same.tar.gz")).DuplicateOf);
        var conflicts = result.Bundles.Where(b => b.ReasonCode == BundleRefusalCodes.Conflict).ToList();
        Assert.Equal(2, conflicts.Count);
        Assert.All(conflicts, c => Assert.Contains("conflict: x/clash.tar.gz, y/clash.tar.gz all claim com.example.clash 2.0.0 with different contents", c.Reason));
    }

    [Fact]
    public void A_conflict_of_many_bundles_names_the_first_few_in_each_reason_not_every_one()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        for (var i = 0; i < 7; i++)
            catalog.Add($"clash-{i}.tar.gz", TarGz.Plugin("com.example.clash", "2.0.0", name: $"Clash {i}").Build(), Signed);
        for (var i = 1; i <= 4; i++)
            catalog.Add($"four-{i}.tar.gz", TarGz.Plugin("com.example.four", "1.0.0", name: $"Four {i}").Build(), Signed);

        var result = catalog.Build();

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("clash-6.tar.gz: conflict: clash-0.tar.gz, clash-1.tar.gz, clash-2.tar.gz and 4 more all claim com.example.clash 2.0.0 with different contents",
            result.Bundles.Single(b => b.Candidate.RelativePath == "clash-6.tar.gz").Reason);
        // Four names are no longer than three and "and 1 more".
        Assert.Contains("conflict: four-1.tar.gz, four-2.tar.gz, four-3.tar.gz, four-4.tar.gz all claim", result.Bundles.Single(b => b.Candidate.RelativePath == "four-2.tar.gz").Reason);
    }

    [Theory]
    [InlineData("""{"colour": "red"}""", "mirror.json: unknown key \"colour\" (known: title, base_url, targets, plugins)")]
    [InlineData("""{"plugins": {"x.y.z": {"author_type": "vendor"}}}""", "mirror.json: \"plugins.x.y.z.author_type\" is \"vendor\"; expected one of \"mattermost\", \"partner\", \"community\"")]
    [InlineData("""{"plugins": {"x.y.z": {"enterprise": "yes"}}}""", "mirror.json: \"plugins.x.y.z.enterprise\" must be true or false")]
    [InlineData("""{"plugins": {"x.y.z": {"stage": "beta"}}}""", "mirror.json: unknown key \"plugins.x.y.z.stage\" (known: author_type, release_stage, enterprise, hosting, repo_name)")]
    [InlineData("""{"targets": ["10.5"]}""", "mirror.json: \"targets\": \"10.5\" is not a server version such as 10.5.0")]
    [InlineData("""{"base_url": "ftp://x"}""", "mirror.json: \"base_url\": \"ftp://x\" is not an absolute http(s) URL")]
    [InlineData("{", "mirror.json: not valid JSON")]
    public void Bad_settings_exit_2_naming_the_key(string json, string message)
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted).Settings(json);
        var e = Assert.Throws<MirrorException>(() => catalog.Build());
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void A_private_key_in_keys_is_a_settings_error()
    {
        using var gpg = new Gpg();
        var fingerprint = gpg.GenerateKey("Secret <secret@example.com>", "rsa2048");
        using var catalog = new TestCatalog().TrustBytes(gpg.ExportSecret(fingerprint), "oops.asc");
        var e = Assert.Throws<MirrorException>(() => catalog.Build());
        Assert.StartsWith("keys/oops.asc: is a PRIVATE key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_folder_that_is_not_a_mirror_site_is_never_replaced()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), Signed);
        Directory.CreateDirectory(catalog.SiteDir);
        File.WriteAllText(Path.Combine(catalog.SiteDir, "precious.txt"), "mine");
        var e = Assert.Throws<MirrorException>(() => catalog.Build());
        Assert.Contains("already holds files that `mirror build` did not write", e.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(catalog.SiteDir, "precious.txt")));
    }

    [Fact]
    public void An_output_path_that_is_a_file_exits_2_and_the_file_is_kept()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), Signed);
        File.WriteAllText(catalog.SiteDir, "a file");
        var e = Assert.Throws<MirrorException>(() => catalog.Build());
        Assert.Equal($"--output: \"{catalog.SiteDir}\" is a file, not a folder", e.Message);
        Assert.Equal("a file", File.ReadAllText(catalog.SiteDir));
    }

    [Fact]
    public void An_output_inside_the_catalog_exits_2()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        var e = Assert.Throws<MirrorException>(() =>
            Mirror.Core.Pipeline.SiteBuilder.Build(new Mirror.Core.Pipeline.BuildRequest(catalog.Dir, catalog["site"])));
        Assert.Equal($"--output \"{catalog["site"]}\" and the catalog \"{catalog.Dir}\" must not contain one another", e.Message);
        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.False(Directory.Exists(catalog["site"]));
    }

    /// <summary>Only a lock another process holds is another build: one that cannot be made is an output that cannot be written.</summary>
    [Fact]
    public void An_output_beside_which_no_lock_file_can_be_made_exits_1_naming_the_lock_file_and_why()
    {
        using var catalog = TestCatalog.WithGoodBundle();

        var result = MirrorCli.Run("build", catalog.Dir, "--output", "/proc/site");

        Assert.Equal((ExitCodes.Failure, "mirror: cannot write the new site (creating its lock file /proc/.site.lock: no such file (No such file or directory)); " +
            "nothing published, the previous site is untouched\n"), (result.Code, result.Stderr));
    }

    [Fact]
    public void An_output_whose_parent_cannot_be_a_folder_exits_1_naming_it()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        File.WriteAllText(root["a-file"], "not a folder");

        var result = MirrorCli.Run("build", catalog.Dir, "--output", root["a-file/site"]);

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.StartsWith($"mirror: cannot write the new site (creating its folder {root["a-file"]}: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(root["a-file"]));
    }

    [Fact]
    public void A_second_build_into_a_locked_output_refuses_with_exit_4_and_leaves_the_site_alone()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), Signed);
        Assert.Equal(ExitCodes.Success, catalog.Build().ExitCode);
        var before = SiteSnapshot.Of(catalog.SiteDir);
        var lockPath = Path.Combine(Path.GetDirectoryName(catalog.SiteDir)!, ".site.lock");
        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var e = Assert.Throws<MirrorException>(() => catalog.Build());
            Assert.Equal(ExitCodes.OutputBusy, e.ExitCode);
            Assert.StartsWith("--output: another `mirror build` is writing", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, SiteSnapshot.Of(catalog.SiteDir));
    }

    /// <summary>
    /// Beside the output a build removes, takes back or writes only what a build made there: a link at one of those
    /// names would have it delete or write wherever the link leads (the subfolders of a linked ".site.old" were deleted),
    /// and a folder without the site marker holds someone else's files. Both are refused, exit 1, and left as they are.
    /// </summary>
    [Theory]
    [InlineData(".site.old", "a folder a build leaves beside it")]
    [InlineData(".site.staging", "a folder a build leaves beside it")]
    [InlineData(".site.cache", "its build cache; --cache DIR puts the cache elsewhere")]
    public void A_link_where_a_build_keeps_its_own_folders_is_refused_and_nothing_it_leads_to_is_touched(string name, string what)
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        Directory.CreateDirectory(root["victim/sub"]);
        File.WriteAllText(root["victim/sub/file"], "someone else's");
        Directory.CreateSymbolicLink(root[name], root["victim"]);

        var result = MirrorCli.Run("build", catalog.Dir, "--output", root["site"]);

        Assert.Equal((ExitCodes.Failure, $"mirror: --output: {root[name]} ({what}) is a symbolic link, and links are not followed here; " +
            "refusing to use it (remove it, or choose another output folder)\n"), (result.Code, result.Stderr));
        Assert.Equal(["sub/file"], Directory.EnumerateFiles(root["victim"], "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root["victim"], f)));
        Assert.False(Directory.Exists(root["site"]));
    }

    /// <summary>The staging folder is made only when there is something to write: a file in its place stops that build alone.</summary>
    [Fact]
    public void A_file_where_the_staging_folder_goes_fails_a_build_that_writes_and_not_one_that_has_nothing_to_write()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", root["site"]).Code);
        var site = SiteSnapshot.Of(root["site"]);
        File.WriteAllText(root[".site.staging"], "in the way");

        var unchanged = MirrorCli.Run("build", catalog.Dir, "--output", root["site"]);
        var titled = MirrorCli.Run("build", catalog.Dir, "--output", root["site"], "--title", "Changed");

        Assert.Equal(ExitCodes.Success, unchanged.Code);
        Assert.Equal(ExitCodes.Failure, titled.Code);
        Assert.StartsWith($"mirror: cannot write the new site (making its staging folder {root[".site.staging"]}: ", titled.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("); nothing published, the previous site is untouched\n", titled.Stderr, StringComparison.Ordinal);
        Assert.Equal(site, SiteSnapshot.Of(root["site"]));
        Assert.Equal("in the way", File.ReadAllText(root[".site.staging"]));
    }

    /// <summary>Refused at the start, before anything is written: a folder or link at the staging name is left as it was, even beside a refused ".site.old".</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_folder_at_the_staging_name_that_no_build_made_is_left_as_it_is(bool alsoForeignOld)
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        Directory.CreateDirectory(root[".site.staging/docs"]);
        File.WriteAllText(root[".site.staging/docs/a.txt"], "mine");
        if (alsoForeignOld)
        {
            Directory.CreateDirectory(root[".site.old/docs"]);
            File.WriteAllText(root[".site.old/docs/b.txt"], "mine too");
        }

        var result = MirrorCli.Run("build", catalog.Dir, "--output", root["site"]);

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.Contains("refusing to delete them", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(root[".site.staging/docs/a.txt"]));
        if (alsoForeignOld)
            Assert.Equal("mine too", File.ReadAllText(root[".site.old/docs/b.txt"]));
    }

    [Fact]
    public void A_link_at_the_staging_name_is_refused_and_left_as_it_is()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        Directory.CreateDirectory(root["victim"]);
        Directory.CreateSymbolicLink(root[".site.staging"], root["victim"]);

        var result = MirrorCli.Run("build", catalog.Dir, "--output", root["site"]);

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.Equal(root["victim"], new FileInfo(root[".site.staging"]).LinkTarget);
    }

    [Fact]
    public void A_folder_beside_the_output_that_no_build_made_is_not_taken_for_a_leftover()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        Directory.CreateDirectory(root[".site.old/docs"]);
        File.WriteAllText(root[".site.old/docs/a.txt"], "mine");

        var result = MirrorCli.Run("build", catalog.Dir, "--output", root["site"]);

        Assert.Equal((ExitCodes.Failure, $"mirror: --output: {root[".site.old"]} holds files that `mirror build` did not write; refusing to delete them " +
            "(move them away, or choose another output folder)\n"), (result.Code, result.Stderr));
        Assert.Equal("mine", File.ReadAllText(root[".site.old/docs/a.txt"]));
        Assert.False(Directory.Exists(root["site"]));
    }

    /// <summary>
    /// The lock file is never opened through a link (which would create or lock its target anywhere), and only a
    /// regular file is one: anything else at its name is refused saying what it is, naming the lock file (a pipe
    /// without waiting on it), exit 1, with nothing built.
    /// </summary>
    [Theory]
    [InlineData("a link to a missing file", "is a symbolic link, and links are not followed here")]
    [InlineData("a link to a file", "is a symbolic link, and links are not followed here")]
    [InlineData("a folder", "is a folder, not a regular file")]
    [InlineData("a named pipe", "is a named pipe (FIFO), not a regular file")]
    public async Task A_lock_file_that_is_not_a_regular_file_is_refused_naming_it_and_what_it_is(string what, string refusal)
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        var lockPath = root[".site.lock"];
        switch (what)
        {
            case "a link to a missing file":
                File.CreateSymbolicLink(lockPath, root["victim"]);
                break;
            case "a link to a file":
                File.WriteAllText(root["victim"], "someone else's");
                File.CreateSymbolicLink(lockPath, root["victim"]);
                break;
            case "a folder":
                Directory.CreateDirectory(lockPath);
                break;
            default:
                System.Diagnostics.Process.Start("mkfifo", [lockPath]).WaitForExit();
                break;
        }

        // A build that waited on the pipe would time out here rather than hang the tests.
        var result = await Task.Run(() => MirrorCli.Run("build", catalog.Dir, "--output", root["site"])).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((ExitCodes.Failure, $"mirror: --output: its lock file {lockPath} {refusal}; refusing to use it " +
            "(remove it, or choose another output folder)\n"), (result.Code, result.Stderr));
        Assert.False(Directory.Exists(root["site"]));
        if (what == "a link to a file")
            Assert.Equal("someone else's", File.ReadAllText(root["victim"]));
        else
            Assert.False(Path.Exists(root["victim"]));
        if (what.StartsWith("a link", StringComparison.Ordinal))
            Assert.Equal(root["victim"], new FileInfo(lockPath).LinkTarget);
    }

    /// <summary>A lock held by another open file (another build) is exit 4, whoever took it, and the lock file stays a plain file.</summary>
    [Fact]
    public void A_lock_file_held_by_another_build_exits_4_naming_it()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        var lockPath = root[".site.lock"];

        using (var held = Mirror.OpenPgp.Files.RegularFile.TryLock(lockPath))
        {
            Assert.NotNull(held);
            Assert.Null(Mirror.OpenPgp.Files.RegularFile.TryLock(lockPath));

            var result = MirrorCli.Run("build", catalog.Dir, "--output", root["site"]);

            Assert.Equal((ExitCodes.OutputBusy, $"mirror: --output: another `mirror build` is writing \"{root["site"]}\" (it holds {lockPath}); " +
                "try again when it has finished\n"), (result.Code, result.Stderr));
            Assert.False(Directory.Exists(root["site"]));
        }

        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", root["site"]).Code);
        Assert.True(File.Exists(lockPath));
    }
}
