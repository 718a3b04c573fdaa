using Mirror.Cli;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Pipeline;

/// <summary>What <c>build</c> and <c>verify</c> tell: published plugins, --quiet, --json, warnings, exactly.</summary>
public sealed class BuildOutputTests
{
    private const string Unsafe = ", \"homepage_url\": \"javascript:alert(1)\"";

    private static TestCatalog TwoPluginsOneRejected()
    {
        var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("b-1.0.0.tar.gz", TarGz.Plugin("com.example.b", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        catalog.Add("b-1.1.0.tar.gz", TarGz.Plugin("com.example.b", "1.1.0").Build(), b => SharedKeys.Trusted.Sign(b));
        catalog.Add("a-2.0.0-beta.1.tar.gz", TarGz.Plugin("com.example.a", "2.0.0-beta.1", extraJson: Unsafe).Build(), b => SharedKeys.Trusted.Sign(b));
        catalog.Add("bad.tar.gz", TarGz.Plugin("com.example.bad", "1.0.0").Build(), null);
        return catalog;
    }

    private static MirrorCli.Result Build(TestCatalog catalog, bool terminal, params string[] flags)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(["build", catalog.Dir, "--output", catalog.SiteDir, .. flags], stdout, stderr, terminal);
        return new MirrorCli.Result(code, stdout.ToString(), stderr.ToString());
    }

    private const string Warning = "  warning a-2.0.0-beta.1.tar.gz: unsafe-url: plugin.json: \"homepage_url\" \"javascript:alert(1)\" is not an http(s) URL; left out of the listing\n";
    private const string Rejection = "  rejected bad.tar.gz: unsigned: no detached signature bad.tar.gz.sig beside it\n";

    [Fact]
    public void Build_prints_one_line_per_published_plugin_on_stdout_and_the_summary_on_stderr()
    {
        using var catalog = TwoPluginsOneRejected();

        var result = Build(catalog, terminal: false);

        Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
        Assert.Equal("com.example.a 2.0.0-beta.1\ncom.example.b 1.1.0 1.0.0\n", result.Stdout);
        Assert.Equal(
            "mirror: 4 bundle(s) checked: 3 published (2 plugin(s)), 1 rejected\n" + Warning + Rejection +
            $"mirror: site written to {catalog.SiteDir}\nmirror: Marketplace URL http://localhost:8080 (right for every server version)\n", result.Stderr);
    }

    [Fact]
    public void On_a_terminal_the_published_plugins_are_a_compact_table()
    {
        using var catalog = TwoPluginsOneRejected();
        Assert.Equal(
            "PLUGIN         VERSIONS\n" +
            "com.example.a  2.0.0-beta.1\n" +
            "com.example.b  1.1.0, 1.0.0\n", Build(catalog, terminal: true).Stdout);
    }

    [Fact]
    public void Quiet_prints_only_errors()
    {
        using var catalog = TwoPluginsOneRejected();
        Assert.Equal(new MirrorCli.Result(ExitCodes.PartiallyPublished, "", Rejection), Build(catalog, terminal: false, "--quiet"));

        File.Delete(catalog["bad.tar.gz"]);
        Assert.Equal(new MirrorCli.Result(ExitCodes.Success, "", ""), Build(catalog, terminal: true, "-q"));

        Assert.Equal(new MirrorCli.Result(ExitCodes.BadUsage, "", "mirror: catalog folder \"/no/such/catalog\" does not exist\n"),
            MirrorCli.Run("build", "/no/such/catalog", "--quiet"));
    }

    [Fact]
    public void Json_prints_the_summary_for_scripts()
    {
        using var catalog = TwoPluginsOneRejected();

        var result = Build(catalog, terminal: true, "--json", "--quiet", "--target", "10.5.0");

        Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
        Assert.Equal(Rejection, result.Stderr);
        Assert.Equal($$"""
            {
              "site_published": true,
              "site_unchanged": false,
              "output": "{{catalog.SiteDir}}",
              "exit_code": 3,
              "checked": 4,
              "published": 3,
              "rejected": 1,
              "nginx_config_changed": false,
              "build_warnings": [],
              "marketplace_urls": [
                "http://localhost:8080",
                "http://localhost:8080/mm/10.5.0"
              ],
              "plugins": [
                {
                  "id": "com.example.a",
                  "versions": [
                    "2.0.0-beta.1"
                  ]
                },
                {
                  "id": "com.example.b",
                  "versions": [
                    "1.1.0",
                    "1.0.0"
                  ]
                }
              ],
              "rejections": [
                {
                  "file": "bad.tar.gz",
                  "reason_code": "unsigned",
                  "reason": "bad.tar.gz: unsigned: no detached signature bad.tar.gz.sig beside it"
                }
              ],
              "warnings": [
                {
                  "file": "a-2.0.0-beta.1.tar.gz",
                  "warning": "unsafe-url: plugin.json: \"homepage_url\" \"javascript:alert(1)\" is not an http(s) URL; left out of the listing"
                }
              ]
            }

            """, result.Stdout);
    }

    [Fact]
    public void Json_says_when_nothing_was_published()
    {
        using var catalog = TwoPluginsOneRejected();

        var result = Build(catalog, terminal: false, "--json", "--strict");

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.StartsWith("{\n  \"site_published\": false,\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"plugins\": [],", result.Stdout);
        Assert.EndsWith(Rejection + "mirror: nothing published; the previous site is untouched\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rebuild_that_changes_the_nginx_rules_says_to_reload_nginx_and_only_then()
    {
        const string Reload = "mirror: nginx/mirror.conf changed: an nginx serving this site answers from its old rules until it is reloaded (nginx -s reload)\n";
        using var catalog = TestCatalog.WithGoodBundle();
        var first = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);
        var unchanged = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--no-cache", "--title", "Other title");
        catalog.Add("other.tar.gz", TarGz.Plugin("com.example.other", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        var changed = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--json");

        Assert.DoesNotContain(Reload, first.Stderr, StringComparison.Ordinal);
        Assert.Contains("mirror: site written to", unchanged.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Reload, unchanged.Stderr, StringComparison.Ordinal);
        Assert.Contains(Reload, changed.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"nginx_config_changed\": true,", changed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipe_where_the_previous_sites_nginx_config_was_is_not_waited_on()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--no-cache").Code);
        var config = Path.Combine(catalog.SiteDir, "nginx", "mirror.conf");
        File.Delete(config);
        SpecialFiles.Fifo(config);

        var result = SpecialFiles.Finishes(() => MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--no-cache"));

        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.Contains("mirror: nginx/mirror.conf changed:", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(config) && new FileInfo(config).Length > 0);
    }

    [Fact]
    public void Verify_shows_each_bundles_warnings()
    {
        using var catalog = TwoPluginsOneRejected();

        var result = MirrorCli.Run("verify", catalog.Dir);

        var fingerprint = SharedKeys.Trusted.Fingerprint;
        Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
        Assert.Equal(
            $"STATUS     FILE                   ID               VERSION       SIGNER{new string(' ', fingerprint.Length - 6)}  REASON / WARNINGS\n" +
            $"published  a-2.0.0-beta.1.tar.gz  com.example.a    2.0.0-beta.1  {fingerprint}  warning: unsafe-url: plugin.json: \"homepage_url\" \"javascript:alert(1)\" is not an http(s) URL; left out of the listing\n" +
            $"published  b-1.0.0.tar.gz         com.example.b    1.0.0         {fingerprint}  \n" +
            $"published  b-1.1.0.tar.gz         com.example.b    1.1.0         {fingerprint}  \n" +
            $"rejected   bad.tar.gz             com.example.bad  1.0.0         {new string(' ', fingerprint.Length)}  unsigned: no detached signature bad.tar.gz.sig beside it\n",
            result.Stdout);
    }

    [Fact]
    public void A_plugin_with_neither_server_nor_webapp_is_not_called_webapp_only()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("bare.tar.gz", TarGz.Plugin("com.example.bare", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        catalog.Add("web.tar.gz", TarGz.Plugin("com.example.web", "1.0.0", extraJson: ", \"webapp\": {\"bundle_path\": \"main.js\"}")
            .File("com.example.web/main.js", "").Build(), b => SharedKeys.Trusted.Sign(b));
        Assert.Equal(ExitCodes.Success, catalog.Build().ExitCode);

        Assert.Contains("<p>no server or webapp part</p>", File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins/com.example.bare/index.html")));
        Assert.Contains("<p>webapp only</p>", File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins/com.example.web/index.html")));
        var index = File.ReadAllText(Path.Combine(catalog.SiteDir, "index.html"));
        Assert.Contains("<dt>Platforms</dt><dd>no server or webapp part</dd>", index);
        Assert.Contains("<dt>Platforms</dt><dd>webapp only</dd>", index);
    }
}
