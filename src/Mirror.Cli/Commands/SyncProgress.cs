using Mirror.Core.Syncing;

namespace Mirror.Cli.Commands;

/// <summary>One progress line, rewritten in place, shown only when stderr is a terminal (never in logs or tests).</summary>
internal sealed class SyncProgress(TextWriter stderr)
{
    private readonly bool terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
    private DateTime lastDrawn;
    private int count;

    public void Starting(WantedBundle bundle)
    {
        count++;
        Draw($"[{count}] {bundle.FileName}", force: true);
    }

    public void Advance(string file, long received, long? total)
    {
        var of = total is { } t ? $" / {t / 1e6:F1} MB" : " MB";
        Draw($"[{count}] {file}  {received / 1e6:F1}{of}", force: false);
    }

    public void Done()
    {
        if (terminal)
            stderr.Write("\r\u001b[K");
    }

    private void Draw(string line, bool force)
    {
        if (!terminal || (!force && DateTime.UtcNow - lastDrawn < TimeSpan.FromMilliseconds(200)))
            return;
        lastDrawn = DateTime.UtcNow;
        stderr.Write($"\r\u001b[K{line}");
    }
}
