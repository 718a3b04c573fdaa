namespace Mirror.Tests.Support;

/// <summary>
/// The processes of a server as Linux sees them in <c>/proc</c>: the master and its children (nginx's workers),
/// each with its start time, so that a pid the kernel later gives to another program is never taken for ours.
/// </summary>
public sealed record ServerProcesses(string Server, IReadOnlyList<(int Pid, long StartTime)> Processes)
{
    /// <summary>The master <paramref name="pid"/> and every process whose parent it is.</summary>
    public static ServerProcesses Of(string server, int pid)
    {
        var family = new List<(int, long)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var candidate) && Stat(candidate) is { } stat && (candidate == pid || stat.ParentPid == pid))
                family.Add((candidate, stat.StartTime));
        }

        return new ServerProcesses(server, family);
    }

    /// <summary>Those still running (a zombie has ended: only its exit status is left for its parent).</summary>
    public IReadOnlyList<int> Alive() =>
        Processes.Where(p => Stat(p.Pid) is { State: not 'Z' } stat && stat.StartTime == p.StartTime).Select(p => p.Pid).ToList();

    /// <summary>Waits until none is running; false if some still are after <paramref name="timeout"/>.</summary>
    public bool WaitUntilGone(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Alive().Count > 0)
        {
            if (DateTime.UtcNow > deadline)
                return false;
            Thread.Sleep(20);
        }

        return true;
    }

    private sealed record ProcessStat(char State, int ParentPid, long StartTime);

    /// <summary><c>/proc/PID/stat</c>: "pid (comm) state ppid …", field 22 the start time; comm may hold spaces and parentheses.</summary>
    private static ProcessStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessStat(fields[0][0], int.Parse(fields[1]), long.Parse(fields[19]));
    }
}
