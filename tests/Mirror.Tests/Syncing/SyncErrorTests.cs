using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary>Network trouble and usage mistakes: one line each, the right exit code, nothing written.</summary>
public sealed class SyncErrorTests
{
    [Fact]
    public void A_refused_connection_is_one_line_and_exit_1()
    {
        using var temp = new TempDir();
        var port = LocalServer.FreePort();

        var result = MirrorCli.Run(["sync", "--from", $"http://127.0.0.1:{port}", "--to", temp["catalog"], "--retries", "0"]);

        Assert.Equal((ExitCodes.Failure, $"mirror: cannot connect to 127.0.0.1:{port} (Connection refused) (after 1 attempt(s))\n"), (result.Code, result.Stderr));
    }

    [Fact]
    public async Task Tls_trouble_is_one_line_that_says_what_to_check()
    {
        await using var upstream = new SyncUpstream();

        var result = MirrorCli.Run(["sync", "--from", $"https://127.0.0.1:{upstream.Market.Port}", "--to", upstream.Catalog, "--retries", "0"]);

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.StartsWith($"mirror: TLS with 127.0.0.1:{upstream.Market.Port} failed (", result.Stderr);
        Assert.EndsWith("): check the clock and the trusted CAs (a TLS-inspecting proxy's CA must be installed)\n", result.Stderr);
    }

    [Fact]
    public void An_unknown_host_is_one_line_about_dns()
    {
        using var temp = new TempDir();

        var result = MirrorCli.Run(["sync", "--from", "http://marketplace.invalid", "--to", temp["catalog"], "--retries", "0"]);

        Assert.Equal((ExitCodes.Failure, "mirror: cannot resolve marketplace.invalid (DNS): check the name, the DNS settings, or set a proxy (HTTPS_PROXY or --proxy)\n"),
            (result.Code, result.Stderr));
    }

    [Theory]
    [InlineData("")]
    [InlineData("user:s3cret@")]
    public void An_unreachable_proxy_is_named_without_its_credentials(string userInfo)
    {
        using var temp = new TempDir();
        var port = LocalServer.FreePort();

        var result = MirrorCli.Run(["sync", "--from", "http://marketplace.example", "--to", temp["catalog"], "--retries", "0", "--proxy", $"http://{userInfo}127.0.0.1:{port}"]);

        Assert.Equal((ExitCodes.Failure, $"mirror: cannot connect to the proxy http://127.0.0.1:{port} (Connection refused): check HTTPS_PROXY or --proxy (after 1 attempt(s))\n"),
            (result.Code, result.Stderr));
    }

    [Fact]
    public void The_proxy_from_the_environment_is_named_without_its_credentials()
    {
        using var temp = new TempDir();
        var port = LocalServer.FreePort();

        var result = MirrorProcess.Run(["sync", "--from", "http://marketplace.example", "--to", temp["catalog"], "--retries", "0"],
            $"HTTP_PROXY=http://user:s3cret@127.0.0.1:{port}");

        Assert.Equal((ExitCodes.Failure, $"mirror: cannot connect to the proxy http://127.0.0.1:{port} (Connection refused): check HTTPS_PROXY or --proxy (after 1 attempt(s))\n"),
            (result.ExitCode, result.Stderr));
    }

    [Fact]
    public async Task The_proxy_from_the_environment_carries_every_request_and_no_proxy_bypasses_it()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();

        // The upstream plays the proxy too: asked for http://marketplace.example/api/v1/plugins, it answers its listing.
        var proxied = MirrorProcess.Run(["sync", "--from", "http://marketplace.example", "--to", upstream.Catalog, .. upstream.Keys],
            $"HTTP_PROXY=http://127.0.0.1:{upstream.Market.Port}");
        Assert.True(proxied.ExitCode == 0, proxied.Stderr);
        Assert.Contains(upstream.Market.Requests, r => r.PathAndQuery.StartsWith("/api/v1/plugins?", StringComparison.Ordinal));

        var unreachable = LocalServer.FreePort();
        var bypassed = MirrorProcess.Run(["sync", "--from", upstream.Market.Url, "--to", upstream.Catalog, .. upstream.Keys, "--proxy", $"http://127.0.0.1:{unreachable}"],
            "NO_PROXY=localhost,127.0.0.1");
        Assert.True(bypassed.ExitCode == 0, bypassed.Stderr);
    }

    [Fact]
    public async Task A_proxy_that_asks_for_credentials_gets_those_of_the_proxy_flag()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        upstream.Market.ProxyCredentials = "mirror user:p@ss:word";

        // The upstream plays the proxy, and asks for the user and password first (407).
        var result = MirrorCli.Run(["sync", "--from", "http://marketplace.example", "--to", upstream.Catalog, .. upstream.Keys,
            "--retries", "0", "--proxy", $"http://mirror%20user:p%40ss:word@127.0.0.1:{upstream.Market.Port}"]);

        Assert.True(result.Code == 0, result.Stderr);
        Assert.Contains(upstream.Market.Requests, r => r.PathAndQuery.StartsWith("/api/v1/plugins?", StringComparison.Ordinal));
        Assert.DoesNotContain("p@ss", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "ftp://marketplace.example", "mirror: --from \"ftp://marketplace.example\" is not a Marketplace URL such as https://api.integrations.mattermost.com")]
    [InlineData("--from", "https://marketplace.example/?x=1", "mirror: --from \"https://marketplace.example/?x=1\" must not carry a query, a fragment or credentials")]
    [InlineData("--server-version", "10.5", "mirror: --server-version: \"10.5\" is not a server version such as 10.5.0")]
    [InlineData("--platform", "Linux", "mirror: --platform \"Linux\" is not a platform such as linux-amd64")]
    [InlineData("--keys", "/nonexistent/key.asc", "mirror: --keys /nonexistent/key.asc: no such key file or folder")]
    [InlineData("--proxy", "proxy.corp:3128", "mirror: --proxy \"proxy.corp:3128\" is not a proxy URL such as http://proxy.corp:3128")]
    [InlineData("--proxy", "user:s3cret@proxy.corp:3128", "mirror: --proxy \"proxy.corp:3128\" is not a proxy URL such as http://proxy.corp:3128")]
    [InlineData("--from", "https://user:s3cret@marketplace.example", "mirror: --from \"https://marketplace.example\" must not carry a query, a fragment or credentials")]
    [InlineData("--retries", "11", "mirror: --retries must be between 0 and 10")]
    public void Bad_flags_are_exit_2_with_one_line(string flag, string value, string expected)
    {
        using var temp = new TempDir();
        string[] args = flag == "--from"
            ? ["sync", "--from", value, "--to", temp["catalog"]]
            : ["sync", "--from", "http://127.0.0.1:9", "--to", temp["catalog"], flag, value];

        var result = MirrorCli.Run(args);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal(expected, result.Stderr.Split('\n')[0]);
        Assert.False(Directory.Exists(temp["catalog"]));
    }

    [Fact]
    public void A_file_given_as_the_catalog_is_exit_2()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp["file"], "");

        var result = MirrorCli.Run(["sync", "--from", "http://127.0.0.1:9", "--to", temp["file"]]);

        Assert.Equal((ExitCodes.BadUsage, $"mirror: --to \"{temp["file"]}\" is a file, not a catalog folder\n"), (result.Code, result.Stderr));
    }

    [Theory]
    [InlineData("sync", "--from", "http://127.0.0.1:9", "mirror: Option '--to' is required.")]
    [InlineData("sync", "--to", "catalog", "mirror: Option '--from' is required.")]
    [InlineData("import", "--to", "catalog", "mirror: Required argument missing for command: 'import'.")]
    public void A_missing_required_flag_is_exit_2(string command, string flag, string value, string expected)
    {
        var result = MirrorCli.Run([command, flag, value]);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal(expected, result.Stderr.Split('\n')[0]);
    }
}
