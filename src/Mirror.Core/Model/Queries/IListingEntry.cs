using Semver;

namespace Mirror.Core.Model.Queries;

/// <summary>
/// What the query semantics need to know of one marketplace entry (one plugin version): implemented by the build's
/// published versions and by entries read back from a site's <c>plugins.json</c>.
/// </summary>
public interface IListingEntry
{
    /// <summary>The manifest id (lower case).</summary>
    string Id { get; }

    string Name { get; }

    string Description { get; }

    SemVersion Version { get; }

    SemVersion? MinServerVersion { get; }

    bool Enterprise { get; }

    /// <summary>"", "on-prem" or "cloud".</summary>
    string Hosting { get; }

    /// <summary>Whether the version has a bundle for every platform (the entry's own <c>download_url</c>).</summary>
    bool HasGenericBundle { get; }

    /// <summary>The platforms (GOOS-GOARCH) with a bundle of their own: a download URL and a signature.</summary>
    IReadOnlyCollection<string> PlatformBundles { get; }
}
