using System.Runtime;

namespace Mirror.Core.Pipeline;

/// <summary>
/// No garbage collection while the build cache is parsed. Nearly everything parsed from it stays alive, so a
/// collection in the middle finds no garbage, only the records to copy: it was a third of a no-change rebuild's reading of
/// the cache (2,000 bundles: 13 ms of 38). The pause is sized from the file, and only small files get one: the memory it
/// allows is only used as the records are parsed into it, and a larger cache (many thousands of bundles) is read with
/// collections as before. Best effort: when the runtime refuses, or another pause runs (the tests build in parallel in one
/// process), parsing goes on with collections.
/// </summary>
internal sealed class CollectionPause : IDisposable
{
    /// <summary>What parsing allocates per byte of cache, measured (2,000 bundles: 19 MB for a 4.8 MB file), with room to spare.</summary>
    private const long BytesPerFileByte = 6;

    private const long LargestFile = 16 << 20;

    private CollectionPause()
    {
    }

    /// <summary>A pause for parsing <paramref name="fileBytes"/> of cache, or null when none is started.</summary>
    public static CollectionPause? For(long fileBytes)
    {
        if (fileBytes is <= 0 or > LargestFile)
            return null;
        try
        {
            return GC.TryStartNoGCRegion(fileBytes * BytesPerFileByte + (4 << 20)) ? new CollectionPause() : null;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Ends the pause, unless the runtime already has (more was allocated than it allowed, and it collected).</summary>
    public void Dispose()
    {
        try
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The runtime ended it meanwhile: nothing left to end.
        }
    }
}
