using Mirror.Core;

namespace Mirror.Cli.Commands;

/// <summary>
/// One line on a terminal, redrawn a few times a second while a build runs longer than a moment: the stage, bundles
/// done of the total, the read speed, the file being read. Cleared when the build ends, so the summary stands alone.
/// </summary>
public sealed class ProgressLine : IDisposable
{
    private readonly TextWriter terminal;
    private readonly BuildProgress progress;
    private readonly DateTime started = DateTime.UtcNow;
    private readonly Timer timer;
    private readonly int width;
    private bool drawn;
    private bool stopped;

    public ProgressLine(TextWriter terminal, BuildProgress progress, TimeSpan delay, int width)
    {
        this.terminal = terminal;
        this.progress = progress;
        this.width = Math.Max(width, 40);
        timer = new Timer(_ => Draw(), null, delay, TimeSpan.FromMilliseconds(200));
    }

    /// <summary>A progress line on stderr when it is a terminal and not silenced; otherwise none.</summary>
    public static ProgressLine? ForTerminal(TextWriter stderr, BuildProgress progress, bool quiet) =>
        quiet || Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error)
            ? null
            : new ProgressLine(stderr, progress, TimeSpan.FromMilliseconds(500), SafeWidth());

    /// <summary>The line for a moment of the build, cut to the terminal's width.</summary>
    public static string Format(BuildProgress.Snapshot now, TimeSpan elapsed, int width)
    {
        var speed = elapsed.TotalSeconds > 0 ? now.Bytes / 1048576.0 / elapsed.TotalSeconds : 0;
        var line = now.Total > 0
            ? $"mirror: {now.Stage} {now.Done}/{now.Total} bundles, {speed:0.0} MB/s, {now.Current}"
            : $"mirror: {now.Stage}: {now.Done} files";
        return line.Length <= width - 1 ? line : line[..(width - 2)] + "…";
    }

    public void Dispose()
    {
        lock (timer)
        {
            stopped = true;
            if (drawn)
                terminal.Write("\r\u001b[K");
        }

        timer.Dispose();
    }

    private void Draw()
    {
        lock (timer)
        {
            if (stopped)
                return;
            terminal.Write("\r\u001b[K" + Format(progress.Now(), DateTime.UtcNow - started, width));
            terminal.Flush();
            drawn = true;
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
