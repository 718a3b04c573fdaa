using Mirror.Core.Bundles;

namespace Mirror.Core.Verification;

/// <summary>
/// Two files that claim the same id, version (by semver precedence, so build metadata aside) and place: byte-identical copies are one bundle (published once);
/// different bytes are a conflict, and both are refused, since nothing says which one the publisher meant. The place
/// is the one platform a bundle's <c>server.executables</c> names, or "generic" for the rest: a generic bundle and
/// bundles built for one platform each are one version, not a conflict.
/// </summary>
internal static class DuplicateResolver
{
    private const int FilesNamed = 3;

    public static IReadOnlyList<CheckedBundle> Resolve(IReadOnlyList<CheckedBundle> bundles)
    {
        var result = bundles.ToList();
        var groups = result.Select((bundle, index) => (bundle, index))
            .Where(x => x.bundle is AcceptedBundle)
            .Select(x => (bundle: (AcceptedBundle)x.bundle, x.index))
            .GroupBy(x => (x.bundle.Id, Precedence(x.bundle), x.bundle.Info.Manifest.OnlyPlatform))
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            var members = group.OrderBy(x => x.bundle.Candidate.RelativePath, StringComparer.Ordinal).ToList();
            if (members.Select(x => x.bundle.Sha256).Distinct().Count() == 1)
            {
                var original = members[0].bundle.Candidate.RelativePath;
                foreach (var (bundle, index) in members.Skip(1))
                    result[index] = bundle with { DuplicateOf = original };
                continue;
            }

            var files = Files(members.Select(x => x.bundle.Candidate.RelativePath).ToList());
            var versions = members.Select(x => x.bundle.Version).Distinct().Order(StringComparer.Ordinal).ToList();
            var claimed = versions.Count == 1
                ? versions[0]
                : $"{string.Join(", ", versions)} (equal precedence: build metadata does not order versions, so Mattermost cannot tell which is newer)";
            foreach (var (bundle, index) in members)
            {
                result[index] = bundle.Refuse(BundleRefusalCodes.Conflict,
                    $"{bundle.Candidate.RelativePath}: conflict: {files} all claim {bundle.Id} {claimed}{ForPlatform(bundle)} with different contents");
            }
        }

        return result;
    }

    /// <summary>
    /// The files of a conflict, the first few by name: each of its bundles names them, so naming every one made the
    /// reasons of n bundles grow as n² (1,500 copies of one version gave 50 MB of report).
    /// </summary>
    public static string Files(IReadOnlyList<string> files) => files.Count <= FilesNamed + 1
        ? string.Join(", ", files)
        : $"{string.Join(", ", files.Take(FilesNamed))} and {files.Count - FilesNamed:N0} more";

    /// <summary>Semver precedence ignores build metadata: 1.0.0, 1.0.0+build.5 and 1.0.0+build.7 are one version to Mattermost.</summary>
    private static string Precedence(AcceptedBundle bundle) => bundle.Info.Manifest.Version.WithoutMetadata().ToString();

    private static string ForPlatform(AcceptedBundle bundle) => bundle.Info.Manifest.OnlyPlatform is { } platform ? $" for {platform}" : "";
}
