namespace Mirror.Core.Syncing;

public enum SyncStatus
{
    /// <summary>Fetched (or taken from --bundles), verified, and now in the catalog.</summary>
    Added,

    /// <summary>Already in the catalog and verified: not fetched again.</summary>
    AlreadyPresent,

    /// <summary>Not kept, with the reason; a file already in the catalog was left as it was.</summary>
    Refused,
}

/// <summary>What became of one listed bundle.</summary>
/// <param name="Plugin">"id version" or "id version (platform)".</param>
/// <param name="File">Its path in the catalog, "" when refused before a name was known.</param>
public sealed record SyncOutcome(string Plugin, string File, SyncStatus Status, string Reason = "")
{
    public bool IsKept => Status != SyncStatus.Refused;
}
