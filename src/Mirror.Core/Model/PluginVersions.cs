using Semver;

namespace Mirror.Core.Model;

/// <summary>Every published version of one plugin id, newest first.</summary>
public sealed class PluginVersions(string id, IReadOnlyList<PublishedVersion> newestFirst)
{
    public string Id { get; } = id;

    public IReadOnlyList<PublishedVersion> Versions { get; } = newestFirst;

    public PublishedVersion Latest => Versions[0];

    /// <summary>The versions a server of this version can run (its min_server_version is met), newest first.</summary>
    public IReadOnlyList<PublishedVersion> CompatibleWith(SemVersion? server) =>
        server is null ? Versions : Versions.Where(v => v.RunsOn(server)).ToList();
}
