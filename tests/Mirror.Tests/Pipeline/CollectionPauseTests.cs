using System.Runtime;
using Mirror.Core.Pipeline;

namespace Mirror.Tests.Pipeline;

/// <summary>Run alone: a pause is the whole process's, and the other tests build in parallel beside them.</summary>
[CollectionDefinition(nameof(CollectionPauseTests), DisableParallelization = true)]
public sealed class RunAlone;

/// <summary>
/// The build cache is parsed without garbage collection, and the pause always ends: whether the cache was used,
/// damaged, or the runtime refused a pause.
/// </summary>
[Collection(nameof(CollectionPauseTests))]
public sealed class CollectionPauseTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Loading_a_cache_intact_or_damaged_leaves_no_pause_behind(bool damaged)
    {
        using var catalog = BuildCacheTests.ThreePlugins();
        catalog.Build();
        var cacheFile = Path.Combine(BuildCache.DefaultFolder(catalog.SiteDir), BuildCache.FileName);
        if (damaged)
        {
            var bytes = File.ReadAllBytes(cacheFile);
            bytes[bytes.Length / 2] ^= 0xFF;
            File.WriteAllBytes(cacheFile, bytes);
        }

        var rebuilt = catalog.Build();

        Assert.Equal(!damaged, rebuilt.SiteUnchanged);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void A_second_pause_is_not_started_while_one_runs_and_ending_it_twice_is_harmless()
    {
        var first = CollectionPause.For(1 << 20);
        Assert.NotNull(first);
        Assert.Null(CollectionPause.For(1 << 20));

        first.Dispose();
        first.Dispose();

        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1L << 40)]
    public void No_pause_for_an_empty_file_nor_a_large_one(long bytes) => Assert.Null(CollectionPause.For(bytes));

    [Fact]
    public void A_pause_outgrown_by_allocation_is_ended_by_the_runtime_and_disposed_without_error()
    {
        var pause = CollectionPause.For(1 << 10);
        Assert.NotNull(pause);
        var kept = new List<byte[]>();
        for (var i = 0; i < 64; i++)
            kept.Add(new byte[1 << 20]);

        pause.Dispose();

        Assert.Equal(64, kept.Count);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }
}
