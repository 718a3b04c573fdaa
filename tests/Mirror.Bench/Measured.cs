using System.Diagnostics;
using System.Globalization;

namespace Mirror.Bench;

/// <summary>
/// One command run as a process under <c>/usr/bin/time</c>: its wall time and peak resident memory. Each starts, not
/// timed, after <c>sync</c>, with nothing left to write back (otherwise the write-back of an earlier run's output
/// would slow whichever run came next), and, when the benchmark runs as root, after the page cache is emptied and what
/// the run reads is read back into it (its inputs). This machine is a virtual machine whose memory is
/// slow to fill the first time: as the page cache grew with every kept output, the later runs of a benchmark wrote
/// into new memory and took up to 5x as long, whichever program ran (by hand, with each output kept: `cp -r` of the
/// 500 MB catalog 0.26, 0.25, 0.79, 1.32 s, and the cold build beside it 0.65, 0.68, 1.27, 1.49 s).
/// </summary>
internal sealed record Measured(double Seconds, long PeakKb, int ExitCode)
{
    private const string DropCaches = "/proc/sys/vm/drop_caches";

    /// <param name="inputs">
    /// The files and folders the run reads, to be in the page cache when it starts (as they are on a machine in use),
    /// as are the shared libraries every run loads (<see cref="SharedLibraries"/>).
    /// </param>
    public static Measured Run(string program, IEnumerable<string> args, params string[] inputs)
    {
        using (var sync = Process.Start("sync"))
            sync.WaitForExit();
        if (TryDropCleanPages())
        {
            foreach (var input in inputs.Append(program).Concat(SharedLibraries.Of(program)).Where(p => File.Exists(p) || Directory.Exists(p)))
                ReadThrough(input);
        }

        var rss = Path.GetTempFileName();
        var wall = rss + ".wall";
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["LC_ALL"] = "C";
        foreach (var arg in new[] { "-c", Clocked, "clocked", wall, rss, program }.Concat(args))
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
        var clock = File.ReadAllText(wall).Split(' ').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var peak = long.Parse(File.ReadAllLines(rss).Last(l => l.Length > 0), CultureInfo.InvariantCulture);
        File.Delete(rss);
        File.Delete(wall);
        return new Measured(clock[1] - clock[0], peak, process.ExitCode);
    }

    /// <summary>
    /// The wall time is taken by the shell that starts the run, just before and just after it (bash's clock, no process
    /// of its own): timed from here, starting and reaping a process added 5–10 ms to every run, a third of the
    /// shortest ones.
    /// </summary>
    private const string Clocked = """
        start=$EPOCHREALTIME
        /usr/bin/time -o "$2" -f %M "${@:3}"
        status=$?
        echo -n "$start $EPOCHREALTIME" > "$1"
        exit $status
        """;

    /// <summary>Clean pages only (1): the file system's dentries and inodes stay, as they would on a machine in use.</summary>
    /// <returns>False when not allowed (not root, or a container's read-only /proc/sys): runs then go as before.</returns>
    private static bool TryDropCleanPages()
    {
        try
        {
            File.WriteAllText(DropCaches, "1");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void ReadThrough(string path)
    {
        var buffer = new byte[1 << 20];
        foreach (var file in Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }) : [path])
        {
            using var stream = File.OpenRead(file);
            while (stream.Read(buffer) > 0)
            {
            }
        }
    }
}
