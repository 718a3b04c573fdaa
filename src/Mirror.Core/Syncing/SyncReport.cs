namespace Mirror.Core.Syncing;

/// <summary>What a sync or import did, bundle by bundle, and its exit code (as build's: 0, 3, 1).</summary>
/// <param name="Notes">Lines worth showing that are not refusals (fields left out of mirror.json, keys written).</param>
public sealed record SyncReport(IReadOnlyList<SyncOutcome> Outcomes, IReadOnlyList<string> Notes, long BytesReceived)
{
    public int Kept => Outcomes.Count(o => o.IsKept);

    public int Added => Outcomes.Count(o => o.Status == SyncStatus.Added);

    public int AlreadyPresent => Outcomes.Count(o => o.Status == SyncStatus.AlreadyPresent);

    public int Refused => Outcomes.Count(o => o.Status == SyncStatus.Refused);

    public int ExitCode => ExitCodes.ForOutcome(Kept, Refused, strict: false);
}
