using System.Text.Json.Nodes;
using Semver;

namespace Mirror.Core.Bundles.Manifests;

/// <summary>A validated manifest: the typed fields the mirror uses, and the whole object to re-emit.</summary>
/// <param name="Raw">Every key of the bundle's manifest, known or not, with the id lower-cased as Mattermost does.</param>
/// <param name="Platforms">The GOOS-GOARCH keys of <c>server.executables</c>, sorted.</param>
public sealed record PluginManifest(
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
    JsonObject Raw,
    string SourceFile)
{
    public string VersionText => Version.ToString();
}
