using System.Diagnostics;
using System.Globalization;

namespace Mirror.Bench;

/// <summary>
/// One command run as a process under <c>/usr/bin/time</c>: its wall time and peak resident memory. Each starts after
/// <c>sync</c> (not timed), with nothing left to write back: otherwise the write-back of an earlier run's output would
/// slow whichever run came next.
/// </summary>
internal sealed record Measured(double Seconds, long PeakKb, int ExitCode)
{
    public static Measured Run(string program, IEnumerable<string> args)
    {
        using (var sync = Process.Start("sync"))
            sync.WaitForExit();
        var rss = Path.GetTempFileName();
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-o", rss, "-f", "%M", program }.Concat(args))
            info.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
        var peak = long.Parse(File.ReadAllLines(rss).Last(l => l.Length > 0), CultureInfo.InvariantCulture);
        File.Delete(rss);
        return new Measured(seconds, peak, process.ExitCode);
    }
}
