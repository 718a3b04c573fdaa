using Mirror.Core.Bundles.Archive;
using Mirror.Core.Scanning;
using Mirror.Core.Verification.Caching;

namespace Mirror.Core.Verification;

/// <summary>What <c>mirror verify</c> does, and <c>mirror build</c> before it renders: every bundle of a catalog checked, conflicts resolved, site file names given.</summary>
internal static class CatalogChecker
{
    /// <summary>Checks every bundle of the catalog, in parallel, each with one streaming read; results in file order.</summary>
    /// <param name="input">The catalog: its trusted keys and its bundles.</param>
    /// <param name="limits">The archive caps.</param>
    /// <param name="stage">Copies a bundle into the site being made, to be checked there; or null to check the catalog's files.</param>
    /// <param name="cache">What earlier builds found, consulted before a bundle is read and told what each read finds; or null.</param>
    /// <param name="canReuse">
    /// Whether an accepted bundle found in the cache can do without a fresh copy (the previous site still holds it);
    /// when not, it is read again. Null: always.
    /// </param>
    public static IReadOnlyList<CheckedBundle> CheckAll(CatalogInput input, ArchiveLimits limits, StageBundle? stage = null,
        CheckCache? cache = null, Func<AcceptedBundle, bool>? canReuse = null, BuildProgress? progress = null)
    {
        var checker = new BundleChecker(input.Keyring, limits, progress);
        var results = new CheckedBundle[input.Candidates.Count];
        progress?.Begin("checking", results.Length);
        AllCores.For(results.Length, i =>
        {
            var candidate = input.Candidates[i];
            progress?.Working(candidate.RelativePath);
            results[i] = Check(checker, candidate, stage, cache, canReuse);
            progress?.Finished();
        });

        return SiteNames.Assign(DuplicateResolver.Resolve(results));
    }

    private static CheckedBundle Check(BundleChecker checker, BundleCandidate candidate, StageBundle? stage, CheckCache? cache,
        Func<AcceptedBundle, bool>? canReuse)
    {
        if (cache?.Find(candidate) is { } cached)
        {
            var verdict = BundleChecker.Verdict(cached);
            if (verdict is not AcceptedBundle accepted || canReuse?.Invoke(accepted) != false)
                return verdict;
        }

        var before = CheckCache.Look(candidate);
        var result = checker.Check(candidate, stage, out var reading);
        if (reading is not null)
            cache?.Remember(reading, before);
        return result;
    }
}
