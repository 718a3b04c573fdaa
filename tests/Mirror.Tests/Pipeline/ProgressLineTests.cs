using Mirror.Cli.Commands;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Pipeline;

/// <summary>The progress line: what it says, and that it stays off when stderr is not a terminal.</summary>
public sealed class ProgressLineTests
{
    [Fact]
    public void The_line_gives_bundles_done_of_the_total_the_read_speed_and_the_current_file()
    {
        var progress = new BuildProgress();
        progress.Begin("checking", 3);
        progress.Working("plugins/big.tar.gz");
        progress.Read(20 * 1048576);
        progress.Finished();
        progress.Finished();

        Assert.Equal("mirror: checking 2/3 bundles, 10.0 MB/s, plugins/big.tar.gz",
            ProgressLine.Format(progress.Now(), TimeSpan.FromSeconds(2), 80));
        Assert.Equal("mirror: checking 2/3 bundles, 10.0 MB/s, plugins/bi…", ProgressLine.Format(progress.Now(), TimeSpan.FromSeconds(2), 53));
        progress.Begin("writing the site", 0);
        progress.Finished();
        Assert.Equal("mirror: writing the site: 1 files", ProgressLine.Format(progress.Now(), TimeSpan.FromSeconds(3), 80));
    }

    [Fact]
    public void The_line_is_redrawn_while_the_build_runs_and_cleared_at_the_end()
    {
        var terminal = new StringWriter();
        var progress = new BuildProgress();
        progress.Begin("checking", 2);
        using (new ProgressLine(terminal, progress, TimeSpan.Zero, 80))
        {
            // Up to 10 s: the line is drawn from a timer thread, which two busy cores can keep waiting (2 s once failed).
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && !terminal.ToString().Contains("0/2 bundles", StringComparison.Ordinal))
                Thread.Sleep(20);
        }

        var drawn = terminal.ToString();
        Assert.StartsWith("\r\u001b[Kmirror: checking 0/2 bundles", drawn, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[K", drawn, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_but_the_summary_when_stderr_is_not_a_terminal()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("a.tar.gz", TarGz.Plugin("com.example.a", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));

        var result = MirrorProcess.Run(["build", catalog.Dir, "--output", catalog.SiteDir]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\r', result.Stderr);
        Assert.StartsWith("mirror: 1 bundle(s) checked: 1 published", result.Stderr, StringComparison.Ordinal);
    }
}
