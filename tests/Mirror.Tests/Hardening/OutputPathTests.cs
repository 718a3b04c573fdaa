using Mirror.Core;
using Mirror.OpenPgp.Files;
using Mirror.Tests.Support;

namespace Mirror.Tests.Hardening;

/// <summary>
/// --output, the catalog and --report named through links are compared by their real paths; --report is replaced
/// whole, never written through a link, and never left half-written; empty arguments are usage errors.
/// </summary>
public sealed class OutputPathTests
{
    [Fact]
    public void An_output_inside_the_catalog_through_a_link_is_refused()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var links = new TempDir();
        SpecialFiles.Link(links["catlink"], catalog.Dir);
        var before = SiteSnapshot.Of(catalog.Dir);

        var result = MirrorCli.Run("build", catalog.Dir, "--output", links["catlink/site"]);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal($"mirror: --output \"{catalog["site"]}\" and the catalog \"{catalog.Dir}\" must not contain one another\n", result.Stderr);
        Assert.Equal(before, SiteSnapshot.Of(catalog.Dir));
        Assert.Equal(["good.tar.gz", "good.tar.gz.sig", "keys"], Directory.EnumerateFileSystemEntries(catalog.Dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_catalog_below_the_output_through_a_link_is_refused_and_kept()
    {
        using var root = new TempDir();
        Directory.CreateDirectory(root["site"]);
        using var catalog = TestCatalog.WithGoodBundle();
        Directory.Move(catalog.Dir, root["site/catalog"]);
        SpecialFiles.Link(catalog.Dir, root["site/catalog"]);

        var result = MirrorCli.Run("build", catalog.Dir, "--output", root["site"]);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.True(File.Exists(root["site/catalog/good.tar.gz"]));
    }

    [Fact]
    public void An_output_that_is_a_link_to_a_site_is_followed_and_that_site_replaced()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", root["real-site"]).Code);
        SpecialFiles.Link(root["current"], root["real-site"]);
        catalog.Add("second.tar.gz", TarGz.Plugin("com.example.second", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));

        var result = MirrorCli.Run("build", catalog.Dir, "--output", root["current"]);

        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Equal(root["real-site"], new FileInfo(root["current"]).LinkTarget);
        Assert.True(File.Exists(root["real-site/bundles/com.example.second/com.example.second-1.0.0.tar.gz"]));
        Assert.Contains($"mirror: site written to {root["real-site"]}\n", result.Stderr);
    }

    [Fact]
    public void The_report_must_be_a_file_outside_the_catalog_and_the_site()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        SpecialFiles.Link(root["catlink"], catalog.Dir);

        Assert.Equal((ExitCodes.BadUsage, $"mirror: --report \"{root.Path}\" is a folder; give a file name such as report.json\n"),
            Run("build", catalog.Dir, "--output", catalog.SiteDir, "--report", root.Path));
        Assert.Equal((ExitCodes.BadUsage, $"mirror: --report \"{root["catlink/report.json"]}\" is inside the catalog, which a build only reads; write it elsewhere\n"),
            Run("build", catalog.Dir, "--output", catalog.SiteDir, "--report", root["catlink/report.json"]));
        Assert.Equal((ExitCodes.BadUsage, $"mirror: --report \"{catalog.SiteDir}/report.json\" is inside --output, which the build replaces whole (the site has its own report.json)\n"),
            Run("build", catalog.Dir, "--output", catalog.SiteDir, "--report", catalog.SiteDir + "/report.json"));
        Assert.False(File.Exists(catalog["report.json"]));
    }

    [Fact]
    public void A_report_that_cannot_be_written_is_an_error_naming_it()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        File.WriteAllText(root["a-file"], "");

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--report", root["a-file/report.json"]);

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.StartsWith($"mirror: --report \"{root["a-file/report.json"]}\": cannot be written (", result.Stderr);
    }

    [Fact]
    public void A_report_that_is_a_device_or_a_pipe_is_written_into_never_replaced()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        SpecialFiles.Link(root["null"], "/dev/null");
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--report", root["null"]).Code);
        Assert.Equal("/dev/null", new FileInfo(root["null"]).LinkTarget);
        Assert.Equal("a character device", Statx.Of(Statx.CurrentFolder, "/dev/null", 0)?.SpecialType);

        // A pipe nothing reads from is an error at once, not a wait, and stays a pipe.
        var fifo = SpecialFiles.Fifo(root["report.fifo"]);
        var unread = SpecialFiles.Finishes(() => MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--report", fifo));
        Assert.Equal((ExitCodes.Failure, $"mirror: --report \"{fifo}\": cannot be written (is a pipe no process reads from)\n"), (unread.Code, unread.Stderr));
        Assert.Equal("a named pipe (FIFO)", Statx.Of(Statx.CurrentFolder, fifo, Statx.NoFollow)?.SpecialType);

        // Opened for reading and writing, the test holds a reader without waiting for a writer.
        using var reader = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite);
        Assert.Equal(ExitCodes.Success, SpecialFiles.Finishes(() => MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--report", fifo)).Code);
        var buffer = new byte[1 << 16];
        Assert.Contains("\"published\": 1", System.Text.Encoding.UTF8.GetString(buffer, 0, reader.Read(buffer)));
    }

    [Fact]
    public void A_report_that_is_a_socket_an_open_files_name_or_one_of_the_builds_own_files_is_refused()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        var root = Path.GetDirectoryName(catalog.SiteDir)!;
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(root, "report.sock")));
        using var open = new FileStream(Path.Combine(root, "open.txt"), FileMode.Create);
        var openName = $"/proc/self/fd/{open.SafeFileHandle.DangerousGetHandle()}";

        foreach (var (report, what) in new[]
        {
            (Path.Combine(root, "report.sock"), "a socket"),
            (openName, "a name under /dev or /proc, where devices and the files of processes are"),
            ("/dev/no-such-device-" + Guid.NewGuid().ToString("N"), "a name under /dev or /proc, where devices and the files of processes are"),
            (Path.Combine(root, ".site.lock"), "the build's lock file"),
            (Path.Combine(root, ".site.staging/report.json"), "where the build puts a site while it replaces it"),
            (Path.Combine(root, ".site.cache/build-cache.bin"), "inside the build cache"),
        })
        {
            var expected = what.StartsWith("a ", StringComparison.Ordinal)
                ? $"mirror: --report \"{report}\" is {what}; give a file name such as report.json\n"
                : $"mirror: --report \"{report}\" is {what}; write it elsewhere\n";
            Assert.Equal((ExitCodes.BadUsage, expected), Run("build", catalog.Dir, "--output", catalog.SiteDir, "--report", report));
        }

        Assert.False(Directory.Exists(catalog.SiteDir));
        Assert.Equal(0, open.Length);
        Assert.Empty(Directory.EnumerateFiles("/dev", "no-such-device-*"));
    }

    [Fact]
    public void The_cache_must_be_a_folder_apart_from_the_catalog_and_the_site()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        foreach (var (cache, why) in new[]
        {
            (catalog["keys"], " is inside the catalog, which a build only reads; give another folder"),
            (catalog.SiteDir, " is inside --output, which the build replaces whole (and serves); give another folder"),
            ("/dev/null", " is not a folder; give a folder for the build cache"),
        })
        {
            Assert.Equal((ExitCodes.BadUsage, $"mirror: --cache \"{cache}\"{why}\n"), Run("build", catalog.Dir, "--output", catalog.SiteDir, "--cache", cache));
        }

        Assert.Equal(["trusted.asc"], Directory.EnumerateFiles(catalog["keys"]).Select(Path.GetFileName));

        // A folder that holds both is fine: the cache is one file in it.
        var parent = Path.GetDirectoryName(catalog.Dir)!;
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--cache", parent).Code);
        Assert.True(File.Exists(Path.Combine(parent, "build-cache.bin")));
    }

    [Fact]
    public void A_cache_that_cannot_be_saved_is_a_warning_and_the_build_succeeds()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var cache = new TempDir();
        Directory.CreateDirectory(cache["build-cache.bin"]);

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--cache", cache.Path);

        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Contains($"mirror: warning: the build cache could not be saved in {cache.Path} (", result.Stderr);
        Assert.Contains("); the next build will check and write everything again\n", result.Stderr);
        Assert.True(Directory.Exists(cache["build-cache.bin"]));
    }

    [Fact]
    public void A_report_that_is_a_link_is_replaced_not_written_through_and_leaves_no_temporary_file()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        using var root = new TempDir();
        File.WriteAllText(root["precious.txt"], "keep me");
        SpecialFiles.Link(root["report.json"], root["precious.txt"]);

        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--report", root["report.json"]).Code);

        Assert.Equal("keep me", File.ReadAllText(root["precious.txt"]));
        Assert.Null(new FileInfo(root["report.json"]).LinkTarget);
        Assert.Contains("\"published\": 1", File.ReadAllText(root["report.json"]));
        Assert.Equal(["precious.txt", "report.json"], Directory.EnumerateFileSystemEntries(root.Path).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("mirror: an empty value for --output: a file, folder or text must be given\nRun `mirror help build` for usage.\n", "build", "CATALOG", "--output", "")]
    [InlineData("mirror: an empty value for --report: a file, folder or text must be given\nRun `mirror help build` for usage.\n", "build", "CATALOG", "--report", "")]
    [InlineData("mirror: an empty value (\"\") as an argument: a file, folder or text must be given\nRun `mirror help build` for usage.\n", "build", "")]
    [InlineData("mirror: an empty value (\"\") as an argument: a file, folder or text must be given\nRun `mirror help keys list` for usage.\n", "keys", "list", "")]
    [InlineData("mirror: an empty value (\"\") as an argument: a file, folder or text must be given\nRun `mirror help verify` for usage.\n", "verify", "")]
    [InlineData("mirror: an empty value for --base-url: a file, folder or text must be given\nRun `mirror help build` for usage.\n", "build", "CATALOG", "--base-url", "")]
    public void An_empty_argument_is_a_usage_error(string expected, params string[] args)
    {
        using var catalog = TestCatalog.WithGoodBundle();
        var result = MirrorCli.Run(args.Select(a => a == "CATALOG" ? catalog.Dir : a).ToArray());
        Assert.Equal((ExitCodes.BadUsage, expected), (result.Code, result.Stderr));
        Assert.False(Directory.Exists(catalog.SiteDir));
    }

    private static (int Code, string Stderr) Run(params string[] args)
    {
        var result = MirrorCli.Run(args);
        return (result.Code, result.Stderr);
    }
}
