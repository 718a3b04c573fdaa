using System.Diagnostics;
using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Core.Publishing;
using Mirror.Tests.Support;

namespace Mirror.Tests.Hardening;

/// <summary>
/// The site is replaced whole: real <c>mirror build</c> processes killed with SIGKILL at random moments, and one
/// whose files cannot grow (a full disk), always leave the previous site or the new one, never a mix, and the next
/// build cleans up after them.
/// </summary>
public sealed class AtomicPublishTests
{
    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void A_build_killed_at_any_moment_leaves_the_old_or_the_new_site_and_the_next_build_cleans_up()
    {
        using var work = new TempDir();
        var catalogs = new Dictionary<string, string> { ["small"] = MakeCatalog(work["small"], 3), ["large"] = MakeCatalog(work["large"], 40) };
        var expected = catalogs.ToDictionary(c => c.Key, c => Reference(c.Value, work[$"reference-{c.Key}"]));
        var site = work["site"];
        Assert.Equal(0, MirrorProcess.Run(["build", catalogs["small"], "--output", site]).ExitCode);
        var duration = catalogs.ToDictionary(c => c.Key, c =>
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(0, MirrorProcess.Run(["build", c.Value, "--output", work[$"timing-{c.Key}"]]).ExitCode);
            return (int)watch.ElapsedMilliseconds;
        });

        var random = new Random(11);
        var current = "small";
        var killed = 0;
        for (var round = 0; round < 10; round++)
        {
            var next = current == "small" ? "large" : "small";
            using var process = MirrorProcess.Start(["build", catalogs[next], "--output", site]);
            // Mostly before the end, sometimes after it: both outcomes get checked.
            Thread.Sleep(random.Next(duration[next] * 6 / 5));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                killed++;
            }

            process.WaitForExit();
            var now = SiteSnapshot.Of(site);
            Assert.True(now == expected[current] || now == expected[next], $"round {round}: the site is neither the {current} site nor the {next} one");
            current = now == expected[next] ? next : current;
        }

        Assert.True(killed >= 3, $"only {killed} of 10 builds were killed before they finished");
        var final = MirrorProcess.Run(["build", catalogs["large"], "--output", site]);
        Assert.Equal(0, final.ExitCode);
        Assert.Equal(expected["large"], SiteSnapshot.Of(site));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(work.Path), e => e.EndsWith(".staging", StringComparison.Ordinal) || e.EndsWith(".old", StringComparison.Ordinal));
    }

    [Fact]
    public void A_full_disk_stops_the_build_with_exit_1_and_the_previous_site_stays()
    {
        using var work = new TempDir();
        var site = work["site"];
        Assert.Equal(0, MirrorProcess.Run(["build", MakeCatalog(work["small"], 2), "--output", site]).ExitCode);
        var before = SiteSnapshot.Of(site);
        var catalog = MakeCatalog(work["big"], 2, payloadBytes: 3 << 20);

        // No file may grow past 1 MB, as on a full disk. The shell leaves SIGXFSZ as it is: mirror handles it, so the
        // write fails with EFBIG instead of the process being killed without a word. (The runtime's write-xor-execute
        // mode maps code through a large file, which the limit would stop at start-up.)
        var result = MirrorProcess.Run(["build", catalog, "--output", site],
            shellPrelude: "ulimit -f 1024; export DOTNET_EnableWriteXorExecute=0;");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("mirror: cannot write the new site (copying a bundle into it: a file may not grow any larger (a full disk or a file size limit))", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("nothing published, the previous site is untouched\n", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, SiteSnapshot.Of(site));
        Assert.Equal([".site.cache", ".site.lock", "big", "site", "small"], Directory.EnumerateFileSystemEntries(work.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_full_disk_while_a_page_is_streamed_is_the_sites_failure_not_the_templates()
    {
        using var work = new TempDir();
        var site = work["site"];
        var catalog = MakeCatalog(work["small"], 1, payloadBytes: 1024);
        Assert.Equal(0, MirrorProcess.Run(["build", catalog, "--output", site]).ExitCode);
        var before = SiteSnapshot.Of(site);

        // The setup page shows the Marketplace URL a dozen times: with a 30,000-character URL it outgrows the 100 KB limit.
        var result = MirrorProcess.Run(["build", catalog, "--output", site, "--base-url", $"http://localhost/{new string('a', 30000)}/"],
            shellPrelude: "ulimit -f 100; export DOTNET_EnableWriteXorExecute=0;");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("mirror: cannot write the new site (writing its files: a file may not grow any larger", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, SiteSnapshot.Of(site));
    }

    [Fact]
    [Trait(Categories.Key, Categories.Integration)]
    public void A_replaced_site_that_cannot_be_deleted_is_a_warning_and_the_next_build_says_what_stops_it()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        var staging = Path.Combine(Path.GetDirectoryName(catalog.SiteDir)!, ".site.staging");
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir).Code);
        // An immutable file stands for one the build's user may not delete (the tests run as root, whom permissions do not stop).
        var stuck = Path.Combine(catalog.SiteDir, "report.json");
        Tool.MustRun("chattr", ["+i", stuck]);
        try
        {
            catalog.Add("other.tar.gz", TarGz.Plugin("com.example.other", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
            var replaced = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);
            Assert.Equal(ExitCodes.Success, replaced.Code);
            Assert.Contains($"mirror: warning: the replaced site could not be deleted from {staging} (", replaced.Stderr);
            Assert.Contains("); remove it by hand: the next build cannot start while it is there\n", replaced.Stderr);
            Assert.Contains("com.example.other", File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins.json")));

            var blocked = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);
            Assert.Equal(ExitCodes.Failure, blocked.Code);
            Assert.Contains($"(removing what an earlier build left beside it ({staging}):", blocked.Stderr);
        }
        finally
        {
            // Wherever the file is now, so that no test folder is left that cannot be deleted.
            foreach (var place in new[] { stuck, Path.Combine(staging, "report.json") }.Where(File.Exists))
                Tool.MustRun("chattr", ["-i", place]);
        }

        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir).Code);
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void SOURCE_DATE_EPOCH_gives_every_file_and_folder_its_time()
    {
        using var work = new TempDir();
        var catalog = MakeCatalog(work["catalog"], 2);
        var site = work["site"];
        var result = MirrorProcess.Run(["build", catalog, "--output", site], shellPrelude: "export SOURCE_DATE_EPOCH=1767225600;");

        Assert.Equal(0, result.ExitCode);
        var times = Directory.EnumerateFileSystemEntries(site, "*", SearchOption.AllDirectories).Append(site)
            .Select(p => File.GetLastWriteTimeUtc(p)).Distinct().ToList();
        Assert.Equal([new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)], times);

        var bad = MirrorProcess.Run(["build", catalog, "--output", site], shellPrelude: "export SOURCE_DATE_EPOCH=yesterday;");
        Assert.Equal(ExitCodes.BadUsage, bad.ExitCode);
        Assert.Equal($"mirror: {FileTimes.SourceDateEpochVariable}=\"yesterday\" is not a Unix time (seconds since 1970-01-01 UTC, such as 1767225600)\n", bad.Stderr);
    }

    private static string MakeCatalog(string dir, int bundles, int payloadBytes = 256 << 10)
    {
        var catalog = new DirectoryInfo(dir);
        catalog.Create();
        Directory.CreateDirectory(Path.Combine(dir, "keys"));
        File.WriteAllBytes(Path.Combine(dir, "keys", "trusted.asc"), SharedKeys.Trusted.PublicArmored);
        var random = new Random(bundles);
        for (var i = 0; i < bundles; i++)
        {
            var payload = new byte[payloadBytes];
            random.NextBytes(payload);
            var bundle = TarGz.Plugin($"com.example.p{i}", "1.0.0").File($"com.example.p{i}/server/dist/plugin-linux-amd64", payload).Build();
            var path = Path.Combine(dir, $"p{i}.tar.gz");
            File.WriteAllBytes(path, bundle);
            File.WriteAllBytes(path + ".sig", SharedKeys.Trusted.Sign(bundle));
        }

        return dir;
    }

    private static string Reference(string catalog, string output)
    {
        Assert.Equal(ExitCodes.Success, SiteBuilder.Build(new BuildRequest(catalog, output)).ExitCode);
        return SiteSnapshot.Of(output);
    }
}
