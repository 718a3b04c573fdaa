using System.Text.Json.Nodes;
using Semver;

namespace Mirror.Core.Bundles.Manifests;

/// <summary>A validated manifest: the typed fields the mirror uses, and the whole object to re-emit.</summary>
/// <param name="RawJson">
/// Every key of the bundle's manifest, known or not, with the id lower-cased as Mattermost does, as compact UTF-8 JSON:
/// kept as bytes, since 20,000 manifests held parsed took 40 MB for the whole build. <see cref="Json"/> parses it.
/// </param>
/// <param name="Platforms">The GOOS-GOARCH keys of <c>server.executables</c>, sorted.</param>
internal sealed record PluginManifest(
    string Id,
    string Name,
    string Description,
    SemVersion Version,
    SemVersion? MinServerVersion,
    string HomepageUrl,
    string SupportUrl,
    string ReleaseNotesUrl,
    string IconPath,
    IReadOnlyList<string> Platforms,
    byte[] RawJson,
    string SourceFile)
{
    public string VersionText { get; } = SharedVersions.Text(Version);

    /// <summary>The minimum server version as the manifest gives it, "" when it gives none.</summary>
    public string MinServerVersionText { get; } = MinServerVersion is null ? "" : SharedVersions.Text(MinServerVersion);

    /// <summary>Every key of the manifest (see <see cref="RawJson"/>), parsed again: a fresh object each call.</summary>
    public JsonObject Json() => (JsonObject)JsonNode.Parse(RawJson)!;

    /// <summary>
    /// The one platform this bundle is built for, when <c>server.executables</c> names exactly one and it has the
    /// GOOS-GOARCH shape: a platform bundle, published beside the version's generic bundle (the name goes into file
    /// names and web server configs, so nothing else qualifies). Null for a generic bundle (several platforms, or webapp only).
    /// </summary>
    public string? OnlyPlatform => Platforms.Count == 1 && IsPlatformName(Platforms[0]) ? Platforms[0] : null;

    private static bool IsPlatformName(string name) =>
        name.Length <= 64 && name.Split('-') is [{ Length: > 0 } os, { Length: > 0 } arch] &&
        (os + arch).All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}
