namespace Mirror.Core.Syncing;

/// <summary>One entry of a Marketplace listing or <c>plugins.json</c> (marketplace.md §3), as the upstream wrote it: untrusted.</summary>
/// <param name="Id">The manifest's id, lower-cased as Mattermost does.</param>
/// <param name="Platforms">Platform bundles by platform (<c>linux-amd64</c>, …); entries without both URL and signature are left out.</param>
public sealed record UpstreamEntry(
    string Id,
    string Version,
    string DownloadUrl,
    string Signature,
    UpstreamFields Fields,
    IReadOnlyDictionary<string, PlatformBundle> Platforms);

/// <summary>A platform bundle of an entry: its own download and signature.</summary>
public sealed record PlatformBundle(string DownloadUrl, string Signature);

/// <summary>The marketplace fields a bundle does not carry, as the upstream wrote them (null when absent).</summary>
public sealed record UpstreamFields(string? AuthorType, string? ReleaseStage, bool? Enterprise, string? Hosting, string? RepoName);
