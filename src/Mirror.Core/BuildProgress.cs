namespace Mirror.Core;

/// <summary>
/// Counters a build updates as it goes (from every checking thread), for a progress line that another thread reads
/// now and then: the stage, bundles done of the total, bytes read, the file being read.
/// </summary>
public sealed class BuildProgress
{
    private string stage = "";
    private string current = "";
    private int total;
    private int done;
    private long bytes;

    public readonly record struct Snapshot(string Stage, int Done, int Total, long Bytes, string Current);

    public void Begin(string stageName, int count)
    {
        Volatile.Write(ref total, count);
        Volatile.Write(ref done, 0);
        Volatile.Write(ref current, "");
        Volatile.Write(ref stage, stageName);
    }

    public void Working(string name) => Volatile.Write(ref current, name);

    public void Read(int count) => Interlocked.Add(ref bytes, count);

    public void Finished() => Interlocked.Increment(ref done);

    public Snapshot Now() => new(Volatile.Read(ref stage), Volatile.Read(ref done), Volatile.Read(ref total), Interlocked.Read(ref bytes), Volatile.Read(ref current));
}
