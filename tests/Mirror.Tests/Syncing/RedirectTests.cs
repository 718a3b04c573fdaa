using System.Net;
using System.Net.Sockets;
using Mirror.Core;
using Mirror.Core.Syncing;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary>Redirects are followed to http(s) only, and an error after one names the URL it led to.</summary>
public sealed class RedirectTests
{
    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1:{port}/x.tar.gz")]
    public async Task A_redirect_to_another_scheme_refuses_that_download_only_and_is_never_asked(string target)
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var location = target.Replace("{port}", ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var url = upstream.Market.RedirectUrl(location) + "/moved.tar.gz";
            upstream.Market.List("com.example.moved", "1.0.0", url, SyncUpstream.Made("com.example.moved", "1.0.0").Signature);

            var result = upstream.Sync();

            Assert.Equal(ExitCodes.PartiallyPublished, result.Code);
            Assert.Contains($"  refused com.example.moved 1.0.0: {url} redirects to {location}, not an http(s) URL; not followed\n", result.Stderr, StringComparison.Ordinal);
            Assert.True(File.Exists(upstream.CatalogFile("plugins/testplugin-0.0.1.tar.gz")));
            Assert.False(listener.Pending(), "an ftp:// redirect was asked as HTTP");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_listing_redirected_to_a_file_url_is_one_line_and_exit_1()
    {
        await using var upstream = new SyncUpstream().WithMattermostTestPlugins();
        var from = upstream.Market.RedirectUrl("file:///etc/passwd");

        var result = MirrorCli.Run(["sync", "--from", from, "--to", upstream.Catalog, .. upstream.Keys]);

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.StartsWith($"mirror: {from}/api/v1/plugins?build_enterprise_ready=true&", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith(" redirects to file:///etc/passwd, not an http(s) URL; not followed\n", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(upstream.CatalogFile("plugins")));
    }

    [Fact]
    public async Task A_refused_connection_after_a_redirect_names_the_host_it_led_to()
    {
        await using var upstream = new SyncUpstream();
        var port = LocalServer.FreePort();
        upstream.Market.List("com.example.moved", "1.0.0", upstream.Market.RedirectUrl($"http://127.0.0.1:{port}/moved.tar.gz") + "/x",
            SyncUpstream.Made("com.example.moved", "1.0.0").Signature);

        var result = upstream.Sync();

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.Contains($"  refused com.example.moved 1.0.0: cannot connect to 127.0.0.1:{port} (Connection refused) (after 1 attempt(s))\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_trouble_after_a_redirect_names_the_host_it_led_to()
    {
        await using var upstream = new SyncUpstream();
        await using var plainHttp = new FakeMarketplace();
        upstream.Market.List("com.example.moved", "1.0.0", upstream.Market.RedirectUrl($"https://127.0.0.1:{plainHttp.Port}/moved.tar.gz") + "/x",
            SyncUpstream.Made("com.example.moved", "1.0.0").Signature);

        var result = upstream.Sync();

        Assert.Equal(ExitCodes.Failure, result.Code);
        Assert.Contains($"  refused com.example.moved 1.0.0: TLS with 127.0.0.1:{plainHttp.Port} failed (", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_downgrade_from_https_to_http_is_not_followed()
    {
        var error = Assert.Throws<DownloadFailedException>(() => Redirects.Next(new Uri("https://example.com/a"), new Uri("http://example.com/b"), 0));

        Assert.Equal("https://example.com/a redirects from https down to http (http://example.com/b); not followed", error.Message);
    }

    [Fact]
    public void A_relative_location_is_resolved_and_an_upgrade_to_https_followed()
    {
        Assert.Equal(new Uri("http://example.com/assets/b"), Redirects.Next(new Uri("http://example.com/a/x"), new Uri("/assets/b", UriKind.Relative), 0));
        Assert.Equal(new Uri("https://example.com/b"), Redirects.Next(new Uri("http://example.com/a"), new Uri("https://example.com/b"), Redirects.Max - 1));
    }

    [Fact]
    public void A_missing_location_and_one_redirect_too_many_are_refused()
    {
        var from = new Uri("http://example.com/a");

        Assert.Equal("http://example.com/a answers a redirect without a usable Location URL",
            Assert.Throws<DownloadFailedException>(() => Redirects.Next(from, null, 0)).Message);
        Assert.Equal($"http://example.com/a redirects once more after {Redirects.Max} redirects; not followed",
            Assert.Throws<DownloadFailedException>(() => Redirects.Next(from, new Uri("http://example.com/b"), Redirects.Max)).Message);
    }

    [Fact]
    public void A_server_that_stays_silent_is_named_by_its_url()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/api/v1/plugins?page=0");
            using var downloader = new Downloader(new WebProxy(), retries: 0) { IdleTimeout = TimeSpan.FromSeconds(1) };

            var error = Assert.Throws<DownloadFailedException>(() => downloader.GetBytes(url, 1000));

            Assert.Equal($"{url.AbsoluteUri}: no data for 1 s (after 1 attempt(s))", error.Message);
        }
        finally
        {
            listener.Stop();
        }
    }
}
