namespace Mirror.Core.Bundles.Archive;

/// <summary>
/// Caps on what one bundle may make us read or hold, so that a hostile archive costs bounded time and memory.
/// Reading stops as soon as one is passed.
/// </summary>
internal sealed record ArchiveLimits(
    long MaxBundleBytes,
    long MaxUnpackedBytes,
    int MaxEntries,
    int MaxPathLength,
    int MaxManifestBytes,
    int MaxIconBytes,
    int MaxReadmeBytes,
    long MaxBufferedBytes)
{
    public static readonly ArchiveLimits Default = new(
        MaxBundleBytes: 1L << 30,
        MaxUnpackedBytes: 4L << 30,
        MaxEntries: 100_000,
        MaxPathLength: 1024,
        MaxManifestBytes: 1 << 20,
        MaxIconBytes: 1 << 20,
        MaxReadmeBytes: 1 << 20,
        MaxBufferedBytes: 16 << 20);
}
