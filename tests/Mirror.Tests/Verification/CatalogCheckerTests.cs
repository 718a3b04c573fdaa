using Mirror.Core;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Scanning;
using Mirror.Core.Verification;
using Mirror.Tests.Support;

namespace Mirror.Tests.Verification;

/// <summary>A failure inside the parallel check comes out as itself, not wrapped, so an internal error names it.</summary>
public sealed class CatalogCheckerTests
{
    [Fact]
    public void A_bug_during_the_parallel_check_surfaces_as_the_real_exception_with_its_own_stack()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("plugin.tar.gz", TarGz.Plugin("com.example.bug", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));

        var thrown = Assert.Throws<InvalidOperationException>(() =>
            CatalogChecker.CheckAll(CatalogInput.Load(catalog.Dir), ArchiveLimits.Default, (_, _, _) => throw new InvalidOperationException("staging broke")));
        Assert.Equal("staging broke", thrown.Message);
        Assert.Contains(nameof(A_bug_during_the_parallel_check_surfaces_as_the_real_exception_with_its_own_stack), thrown.StackTrace);
    }

    [Fact]
    public void A_users_mistake_during_the_parallel_check_surfaces_as_itself()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("plugin.tar.gz", TarGz.Plugin("com.example.full", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));

        var thrown = Assert.Throws<MirrorException>(() =>
            CatalogChecker.CheckAll(CatalogInput.Load(catalog.Dir), ArchiveLimits.Default, (_, _, _) => throw new MirrorException("no room")));
        Assert.Equal("no room", thrown.Message);
    }
}
