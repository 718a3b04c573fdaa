using Mirror.Core;
using Mirror.Core.Bundles;
using Mirror.OpenPgp.Files;
using Mirror.OpenPgp.Verification;
using Mirror.Tests.Support;

namespace Mirror.Tests.Hardening;

/// <summary>
/// Files dropped into a catalog that are not regular files: pipes (which hung the build), links to devices (which
/// filled the disk), links to folders (which made the scan endless). Only regular files are read; caps count the bytes
/// actually read.
/// </summary>
public sealed class SpecialFileTests
{
    private static Func<byte[], byte[]> Signed => b => SharedKeys.Trusted.Sign(b);

    [Fact]
    public void Pipes_and_device_links_among_the_bundles_are_refused_with_what_they_are()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        SpecialFiles.Fifo(catalog["pipe.tar.gz"]);
        SpecialFiles.Link(catalog["zero.tar.gz"], "/dev/zero");
        catalog.Add("piped-signature.tar.gz", TarGz.Plugin("com.example.pipedsig", "1.0.0").Build(), null);
        SpecialFiles.Fifo(catalog["piped-signature.tar.gz.sig"]);
        catalog.Add("zero-signature.tar.gz", TarGz.Plugin("com.example.zerosig", "1.0.0").Build(), null);
        SpecialFiles.Link(catalog["zero-signature.tar.gz.sig"], "/dev/zero");

        var result = SpecialFiles.Finishes(() => catalog.Build());

        Assert.Equal(ExitCodes.PartiallyPublished, result.ExitCode);
        string Reason(string file) => result.Bundles.Single(b => b.Candidate.RelativePath == file).Reason;
        Assert.Equal("pipe.tar.gz: is a named pipe (FIFO), not a regular file", Reason("pipe.tar.gz"));
        Assert.Equal("zero.tar.gz: is a symbolic link, and links are not followed here", Reason("zero.tar.gz"));
        Assert.Equal("piped-signature.tar.gz: piped-signature.tar.gz.sig is a named pipe (FIFO), not a regular file", Reason("piped-signature.tar.gz"));
        Assert.Equal("zero-signature.tar.gz: zero-signature.tar.gz.sig is a symbolic link, and links are not followed here", Reason("zero-signature.tar.gz"));
        Assert.Equal(BundleRefusalCodes.NotRegularFile, result.Bundles.Single(b => b.Candidate.RelativePath == "pipe.tar.gz").ReasonCode);
        Assert.Equal(SignatureRefusal.Malformed, result.Bundles.Single(b => b.Candidate.RelativePath == "piped-signature.tar.gz").ReasonCode);
        Assert.Equal(["good.tar.gz"], result.Bundles.Where(b => b.IsPublished).Select(b => b.Candidate.RelativePath));
    }

    [Theory]
    [InlineData("keys/pipe.asc", "fifo", "mirror: keys/pipe.asc: is a named pipe (FIFO), not a regular file; a key file must be one\n")]
    [InlineData("keys/zero.asc", "/dev/zero", "mirror: keys/zero.asc: is a character device, not a regular file; a key file must be one\n")]
    [InlineData("mirror.json", "fifo", "mirror: mirror.json: cannot be read (is a named pipe (FIFO), not a regular file)\n")]
    [InlineData("mirror.json", "/dev/zero", "mirror: mirror.json: cannot be read (is a character device, not a regular file)\n")]
    [InlineData("mirror.json", "/dev/urandom", "mirror: mirror.json: cannot be read (is a character device, not a regular file)\n")]
    public void A_trusted_file_that_is_a_pipe_or_a_device_is_exit_2_naming_it(string file, string what, string expected)
    {
        using var catalog = TestCatalog.WithGoodBundle();
        if (what == "fifo")
            SpecialFiles.Fifo(catalog[file]);
        else
            SpecialFiles.Link(catalog[file], what);

        var build = SpecialFiles.Finishes(() => MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir));
        var verify = SpecialFiles.Finishes(() => MirrorCli.Run("verify", catalog.Dir));

        Assert.Equal((ExitCodes.BadUsage, expected), (build.Code, build.Stderr));
        Assert.Equal((ExitCodes.BadUsage, expected), (verify.Code, verify.Stderr));
        Assert.False(Directory.Exists(catalog.SiteDir));
    }

    [Fact]
    public void A_key_file_larger_than_its_cap_is_refused_on_the_bytes_read()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        File.WriteAllBytes(catalog["keys/huge.asc"], new byte[5 << 20]);
        var result = MirrorCli.Run("verify", catalog.Dir);
        Assert.Equal((ExitCodes.BadUsage, "mirror: keys/huge.asc: too large for a key file (more than 4,194,304 bytes)\n"), (result.Code, result.Stderr));
    }

    [Fact]
    public void Links_to_folders_are_not_followed_so_the_scan_ends_and_counts_each_bundle_once()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        catalog.Add("sub/other.tar.gz", TarGz.Plugin("com.example.other", "1.0.0").Build(), Signed);
        SpecialFiles.Link(catalog["sub/up"], "..");
        SpecialFiles.Link(catalog["sub/up2"], "..");
        SpecialFiles.Link(catalog["again"], catalog["sub"]);
        using var outside = new TempDir();
        File.WriteAllBytes(outside["elsewhere.tar.gz"], TarGz.Plugin("com.example.elsewhere", "1.0.0").Build());
        SpecialFiles.Link(catalog["outside"], outside.Path);

        var result = SpecialFiles.Finishes(() => catalog.Build());

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(["good.tar.gz", "sub/other.tar.gz"], result.Bundles.Select(b => b.Candidate.RelativePath));
        Assert.Equal(["again", "outside", "sub/up", "sub/up2"], result.SkippedLinks);
    }

    [Fact]
    public void A_bundle_that_is_a_link_to_a_file_is_refused_even_inside_the_catalog()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        SpecialFiles.Link(catalog["latest.tar.gz"], catalog["good.tar.gz"]);
        SpecialFiles.Link(catalog["latest.tar.gz.sig"], catalog["good.tar.gz.sig"]);

        var result = catalog.Build();

        Assert.Equal(ExitCodes.PartiallyPublished, result.ExitCode);
        var link = result.Bundles.Single(b => b.Candidate.RelativePath == "latest.tar.gz");
        Assert.Equal((BundleRefusalCodes.NotRegularFile, "latest.tar.gz: is a symbolic link, and links are not followed here"), (link.ReasonCode, link.Reason));
    }

    [Fact]
    public void The_build_summary_names_the_folder_links_it_did_not_follow()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        SpecialFiles.Link(catalog["loop"], ".");

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);
        var verify = MirrorCli.Run("verify", catalog.Dir);

        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Contains("mirror: not followed: loop is a link to a folder (links below the catalog are never followed)\n", result.Stderr);
        Assert.Contains("mirror: not followed: loop is a link to a folder (links below the catalog are never followed)\n", verify.Stderr);
    }

    [Fact]
    public void Hidden_folders_links_and_bundle_files_are_skipped_without_a_word()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        catalog.Add(".git/old.tar.gz", TarGz.Plugin("com.example.ingit", "1.0.0").Build(), Signed);
        catalog.Add("plugins/.partial.tar.gz", TarGz.Plugin("com.example.partial", "1.0.0").Build(), Signed);
        SpecialFiles.Link(catalog[".linked"], catalog["plugins"]);

        var build = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);
        var verify = MirrorCli.Run("verify", catalog.Dir);

        Assert.Equal(ExitCodes.Success, build.Code);
        Assert.Equal("mirror: 1 bundle(s) checked: 1 published (1 plugin(s)), 0 rejected\n", build.Stderr.Split('\n')[0] + "\n");
        Assert.Equal("", verify.Stderr);
        Assert.DoesNotContain("partial", build.Stderr + verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void File_names_are_printed_with_control_characters_escaped()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        catalog.Add("evil\nmirror: site written to \u001b[31m.tar.gz", TarGz.Plugin("com.example.evil", "1.0.0").Build(), null);

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);

        Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
        Assert.Contains(@"  rejected evil\x0amirror: site written to \x1b[31m.tar.gz: unsigned: no detached signature", result.Stderr);
        Assert.Equal(1, result.Stderr.Split('\n').Count(l => l.StartsWith("mirror: site written to", StringComparison.Ordinal)));
    }

    [Fact]
    public void Manifest_values_and_entry_names_in_reasons_and_warnings_are_printed_with_control_characters_escaped()
    {
        const string ForgedInJson = @"\nmirror: 1 bundle(s) checked: 1 published\u001b[31m";
        using var catalog = TestCatalog.WithGoodBundle();
        catalog.Add("version.tar.gz", TarGz.Plugin("com.example.version", "1.0.0" + ForgedInJson).Build(), Signed);
        catalog.Add("homepage.tar.gz", TarGz.Plugin("com.example.homepage", "1.0.0", extraJson: $$""", "homepage_url": "javascript:x{{ForgedInJson}}" """).Build(), Signed);
        catalog.Add("entry.tar.gz", TarGz.Plugin("com.example.entry", "1.0.0").File("com.example.entry/x\u001b[2K\rmirror: forged", "x").Build(), Signed);
        catalog.Add("nul.tar.gz", TarGz.Plugin("com.example.nul", "1.0.0").File("com.example.nul/x\0y", "x").Build(), Signed);
        // A backslash in a file name is doubled once, by the name's own escaping, not again in the reason that names it.
        catalog.Add(@"back\slash.tar.gz", TarGz.Plugin("com.example.back", "1.0.0").Build(), null);

        var build = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);
        var verify = MirrorCli.Run("verify", catalog.Dir);

        Assert.Equal(ExitCodes.PartiallyPublished, build.Code);
        Assert.Equal(ExitCodes.PartiallyPublished, verify.Code);
        foreach (var output in new[] { build.Stdout, build.Stderr, verify.Stdout, verify.Stderr })
            Assert.DoesNotContain(output, c => char.IsControl(c) && c != '\n');
        Assert.Single(build.Stderr.Split('\n'), l => l.StartsWith("mirror: ", StringComparison.Ordinal) && l.Contains("bundle(s) checked", StringComparison.Ordinal));
        Assert.Contains(@"  rejected version.tar.gz: plugin.json: ", build.Stderr);
        Assert.Contains(@"1.0.0\x0amirror: 1 bundle(s) checked: 1 published\x1b[31m", build.Stderr);
        Assert.Contains(@"  warning homepage.tar.gz: unsafe-url: plugin.json: ""homepage_url"" ""javascript:x\x0amirror: 1 bundle(s) checked: 1 published\x1b[31m""", build.Stderr);
        Assert.Contains(@"  rejected entry.tar.gz: entry name ""com.example.entry/x\x1b[2K\x0dmirror: forged"" holds a control character", build.Stderr);
        Assert.Contains(@"  rejected nul.tar.gz: entry name ""com.example.nul/x\x00y"" holds a control character", build.Stderr);
        Assert.Contains(@"  rejected back\\slash.tar.gz: unsigned: no detached signature", build.Stderr);
        Assert.Contains(@"1.0.0\x0amirror: 1 bundle(s) checked: 1 published\x1b[31m", verify.Stdout);
        Assert.Contains(@"""com.example.nul/x\x00y"" holds a control character", verify.Stdout);

        // The report keeps the text as it is: JSON escapes it.
        var report = File.ReadAllText(Path.Combine(catalog.SiteDir, "report.json"));
        Assert.Contains(@"1.0.0\nmirror: 1 bundle(s) checked: 1 published\u001B[31m", report);
    }

    [Fact]
    public void A_file_name_that_is_not_utf8_is_refused_saying_so()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        File.WriteAllBytes(catalog["latin.bin"], TarGz.Plugin("com.example.latin", "1.0.0").Build());
        // .NET cannot name a file with bytes that are not UTF-8; the shell can.
        Tool.MustRun("bash", ["-c", "cd \"$0\" && mv latin.bin \"$(printf 'caf\\xe9.tar.gz')\"", catalog.Dir]);
        try
        {
            var result = catalog.Build();

            var latin = result.Bundles.Single(b => !b.IsPublished);
            Assert.Equal((BundleRefusalCodes.BadFileName, "caf\uFFFD.tar.gz: its file name is not UTF-8 text; rename it (Mattermost and the site need UTF-8 names)"),
                (latin.ReasonCode, latin.Reason));
        }
        finally
        {
            Tool.MustRun("bash", ["-c", "rm -f \"$0\"/caf*.tar.gz", catalog.Dir]);
        }
    }

    /// <summary>A file's reported size only sizes the buffer: /proc's files say 0 and hold more; the cap counts what is read.</summary>
    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 5)]
    [InlineData(100_000, 100_000)]
    [InlineData(100_001, -1)]
    public void A_whole_file_is_read_whatever_size_it_reports_and_capped_on_the_bytes_read(int length, int expected)
    {
        using var dir = new TempDir();
        var bytes = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(dir["file"], bytes);

        if (expected < 0)
            Assert.True(Assert.Throws<FileRefusedException>(() => RegularFile.ReadAll(dir["file"], 100_000)).TooLarge);
        else
            Assert.Equal(bytes, RegularFile.ReadAll(dir["file"], 100_000));

        var status = RegularFile.ReadAll("/proc/self/status", 1 << 20);
        Assert.Equal(0, new FileInfo("/proc/self/status").Length);
        Assert.Contains("Name:", System.Text.Encoding.ASCII.GetString(status));
        Assert.True(Assert.Throws<FileRefusedException>(() => RegularFile.ReadAll("/proc/self/status", 10)).TooLarge);
    }

    /// <summary>Signatures are found from the folder's listing: whatever sits at the name is found, and refused if it is not a file.</summary>
    [Fact]
    public void A_signature_that_is_a_folder_or_a_dangling_link_is_found_and_refused_and_sig_wins_over_asc()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        catalog.Add("folder.tar.gz", TarGz.Plugin("com.example.folder", "1.0.0").Build(), null);
        Directory.CreateDirectory(catalog["folder.tar.gz.sig"]);
        catalog.Add("dangling.tar.gz", TarGz.Plugin("com.example.dangling", "1.0.0").Build(), null);
        SpecialFiles.Link(catalog["dangling.tar.gz.sig"], catalog["nowhere"]);
        var both = TarGz.Plugin("com.example.both", "1.0.0").Build();
        catalog.Add("both.tar.gz", both, Signed);
        File.WriteAllBytes(catalog["both.tar.gz.asc"], "not a signature"u8.ToArray());

        var result = catalog.Build();

        string Reason(string bundle) => result.Bundles.Single(b => b.Candidate.RelativePath == bundle).Reason;
        Assert.Contains("folder.tar.gz.sig is a folder", Reason("folder.tar.gz"));
        Assert.Contains("dangling.tar.gz.sig is a symbolic link", Reason("dangling.tar.gz"));
        Assert.Equal("", result.Bundles.Single(b => b.Candidate.RelativePath == "both.tar.gz").ReasonCode);
    }
}
