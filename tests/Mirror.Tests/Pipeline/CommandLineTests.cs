using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Pipeline;

/// <summary>The command line: exit codes and a human summary on stderr, never a stack trace.</summary>
public sealed class CommandLineTests
{
    private static (int Code, string Stderr) Mirror(params string[] args)
    {
        var result = MirrorCli.Run(args);
        return (result.Code, result.Stderr);
    }

    private static (int Code, string Stdout, string Stderr) MirrorWithOutput(params string[] args)
    {
        var result = MirrorCli.Run(args);
        return (result.Code, result.Stdout, result.Stderr);
    }

    [Fact]
    public void Verify_prints_a_table_writes_no_site_and_exits_like_build()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        catalog.Add("bad.tar.gz", TarGz.Plugin("com.example.bad", "1.0.0").Build(), null);

        var (code, stdout, _) = MirrorWithOutput("verify", catalog.Dir);

        Assert.Equal(ExitCodes.PartiallyPublished, code);
        var lines = stdout.Split('\n');
        Assert.StartsWith("STATUS     FILE         ID", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^rejected +bad\.tar\.gz +com\.example\.bad +1\.0\.0 +unsigned: no detached signature bad\.tar\.gz\.sig beside it$", lines[1]);
        Assert.StartsWith($"published  good.tar.gz  com.example.good  1.0.0    {SharedKeys.Trusted.Fingerprint}", lines[2], StringComparison.Ordinal);
        Assert.False(Directory.Exists(catalog.SiteDir));

        var (jsonCode, json, _) = MirrorWithOutput("verify", catalog.Dir, "--json");
        Assert.Equal(ExitCodes.PartiallyPublished, jsonCode);
        Assert.Contains("\"reason_code\": \"unsigned\"", json);
    }

    [Fact]
    public void Build_prints_counts_and_one_line_per_rejection()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        catalog.Add("bad.tar.gz", TarGz.Plugin("com.example.bad", "1.0.0").Build(), null);
        using var reportDir = new TempDir();

        var (code, stderr) = Mirror("build", catalog.Dir, "--output", catalog.SiteDir, "--base-url", "https://mirror.example.com/mm",
            "--target", "10.5.0", "--report", reportDir["report.json"]);

        Assert.Equal(ExitCodes.PartiallyPublished, code);
        Assert.Contains("mirror: 2 bundle(s) checked: 1 published (1 plugin(s)), 1 rejected", stderr);
        Assert.Contains("  rejected bad.tar.gz: unsigned: no detached signature bad.tar.gz.sig beside it", stderr);
        Assert.Contains("mirror: Marketplace URL https://mirror.example.com/mm (right for every server version)", stderr);
        Assert.Contains("mirror: pinned to 10.5.0: https://mirror.example.com/mm/mm/10.5.0", stderr);
        Assert.True(File.Exists(reportDir["report.json"]));
        Assert.Contains("\"download_url\": \"https://mirror.example.com/mm/bundles/com.example.good/com.example.good-1.0.0.tar.gz\"",
            File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins.json")));
    }

    [Fact]
    public void An_unknown_flag_exits_2_naming_it()
    {
        var (code, stderr) = Mirror("build", "--no-such-flag");
        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.StartsWith("mirror: unknown option '--no-such-flag'\n", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("build", "--target")]
    public void Bad_usage_exits_2(params string[] args) => Assert.Equal(ExitCodes.BadUsage, Mirror(args).Code);

    [Fact]
    public void A_bad_base_url_exits_2_naming_the_flag()
    {
        using var catalog = new TestCatalog();
        var (code, stderr) = Mirror("build", catalog.Dir, "--output", catalog.SiteDir, "--base-url", "not a url");
        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Equal("mirror: --base-url: \"not a url\" is not an absolute http(s) URL\n", stderr);
    }

    [Fact]
    public void A_missing_catalog_exits_2_without_a_stack_trace()
    {
        var (code, stderr) = Mirror("build", "/no/such/catalog");
        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Equal("mirror: catalog folder \"/no/such/catalog\" does not exist\n", stderr);
    }

    [Fact]
    public void An_empty_catalog_publishes_nothing_and_exits_1()
    {
        using var catalog = new TestCatalog();
        var (code, stderr) = Mirror("build", catalog.Dir, "--output", catalog.SiteDir);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("no *.tar.gz bundles in the catalog; nothing published", stderr);
    }

    [Fact]
    public void Verify_of_bundle_files_refuses_bad_arguments_with_exit_2()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        var keys = catalog["keys/trusted.asc"];

        Assert.Equal((ExitCodes.BadUsage, $"mirror: {catalog["missing.tar.gz"]}: no such bundle file\n"),
            Mirror("verify", catalog["good.tar.gz"], catalog["missing.tar.gz"], "--keys", keys));
        Assert.Equal((ExitCodes.BadUsage, "mirror: --keys /no/such/key.asc: no such key file or folder\n"),
            Mirror("verify", catalog["good.tar.gz"], "--keys", "/no/such/key.asc"));
        Assert.Equal((ExitCodes.BadUsage, "mirror: --keys is for bundle files; a catalog's trusted keys are in CATALOG/keys/\n"),
            Mirror("verify", catalog.Dir, "--keys", keys));
        Assert.Equal((ExitCodes.BadUsage, $"mirror: \"{catalog.Dir}\" is a folder: give either one catalog folder or bundle files, not both\n"),
            Mirror("verify", catalog["good.tar.gz"], catalog.Dir, "--keys", keys));
        Assert.Equal((ExitCodes.BadUsage, $"mirror: {GeneratedKeys.NoPassphrase.PrivateFile}: is a PRIVATE key; only public keys belong here (export one with `gpg --armor --export`)\n"),
            Mirror("verify", catalog["good.tar.gz"], "--keys", GeneratedKeys.NoPassphrase.PrivateFile));
        Assert.Equal((ExitCodes.Success, ""), Mirror("verify", catalog["good.tar.gz"], "--keys", keys));
    }

    [Fact]
    public void Verify_of_an_empty_catalog_exits_1_and_still_prints_its_json_report()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);

        var (code, stdout, stderr) = MirrorWithOutput("verify", catalog.Dir, "--json");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("{\n  \"published\": 0,\n  \"rejected\": 0,\n  \"bundles\": []\n}\n", stdout);
        Assert.Equal($"mirror: no *.tar.gz bundles in {catalog.Dir}\n", stderr);
    }
}
