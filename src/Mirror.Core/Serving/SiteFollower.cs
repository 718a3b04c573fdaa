namespace Mirror.Core.Serving;

/// <summary>
/// Holds the build being served and follows the site folder: when <c>mirror build</c> swaps a new build in (one
/// atomic exchange of the folder), the folder's identity changes; the new build is then loaded whole, and only then
/// switched to in one reference write. Requests already running finish on the build they started with; the old
/// build's folder handle is closed a while later. A new build that cannot be read is reported and not switched to.
/// </summary>
internal sealed class SiteFollower(string siteDir, ServedSite first, Action<string> say) : IDisposable
{
    /// <summary>How long a replaced build's folder handle stays open for requests that took it just before the switch.</summary>
    private static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private ServedSite current = first;
    private (ulong, ulong)? unreadable;

    public ServedSite Current => Volatile.Read(ref current);

    /// <summary>Loads and switches to the build now in the folder if it is not the one served; true when it switched.</summary>
    public bool Refresh()
    {
        if (LinuxFiles.Stat(siteDir) is not { IsDirectory: true } status || status.Identity == Current.Identity)
            return false;
        lock (gate)
        {
            if (status.Identity == Current.Identity || status.Identity == unreadable)
                return false;
            ServedSite fresh;
            try
            {
                fresh = ServedSite.Load(siteDir);
            }
            catch (MirrorException e)
            {
                unreadable = status.Identity;
                say($"mirror: warning: a new build in {siteDir} cannot be served ({e.Message}); still serving the previous one");
                return false;
            }

            var old = Interlocked.Exchange(ref current, fresh);
            say($"mirror: switched to the new build in {siteDir} ({fresh.PluginCount} plugin(s), {fresh.Entries.Count} version(s))");
            _ = Task.Delay(RetireAfter).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
            return true;
        }
    }

    /// <summary>Checks for a new build every <paramref name="interval"/> until <paramref name="stop"/>.</summary>
    public async Task FollowAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                Refresh();
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => Current.Dispose();
}
