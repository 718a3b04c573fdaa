using Mirror.Core.Bundles.Archive;
using Mirror.Core.Scanning;

namespace Mirror.Core.Verification;

/// <summary>What <c>mirror verify</c> does, and <c>mirror build</c> before it renders: every bundle of a catalog checked, conflicts resolved.</summary>
public static class CatalogChecker
{
    /// <summary>Checks every bundle of the catalog, in parallel, each with one streaming read; results in file order.</summary>
    /// <param name="input">The catalog: its trusted keys and its bundles.</param>
    /// <param name="limits">The archive caps.</param>
    /// <param name="openCopy">Opens the stream a bundle's bytes are copied into as they are read, or null for no copies.</param>
    public static IReadOnlyList<CheckedBundle> CheckAll(CatalogInput input, ArchiveLimits limits, Func<BundleCandidate, Stream>? openCopy = null)
    {
        var checker = new BundleChecker(input.Keyring, limits);
        var results = new CheckedBundle[input.Candidates.Count];
        AllCores.For(results.Length, i =>
        {
            var candidate = input.Candidates[i];
            using var copy = openCopy?.Invoke(candidate);
            results[i] = checker.Check(candidate, copy);
        });

        return DuplicateResolver.Resolve(results);
    }
}
