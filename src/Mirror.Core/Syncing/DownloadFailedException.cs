namespace Mirror.Core.Syncing;

/// <summary>A download that failed for good (after the retries), said in one line naming the host or URL.</summary>
public sealed class DownloadFailedException(string message) : MirrorException(message, ExitCodes.Failure);
