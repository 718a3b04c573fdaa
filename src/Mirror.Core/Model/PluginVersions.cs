namespace Mirror.Core.Model;

/// <summary>Every published version of one plugin id, newest first.</summary>
internal sealed class PluginVersions(string id, IReadOnlyList<PublishedVersion> newestFirst)
{
    public string Id { get; } = id;

    public IReadOnlyList<PublishedVersion> Versions { get; } = newestFirst;

    public PublishedVersion Latest => Versions[0];
}
