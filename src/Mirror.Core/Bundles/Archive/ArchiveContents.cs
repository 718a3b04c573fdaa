namespace Mirror.Core.Bundles.Archive;

/// <summary>What one pass over a bundle's tar learned: its plugin root, its files, and the few it kept in memory.</summary>
/// <param name="PluginRoot">"" or a folder name with a trailing '/': where Mattermost takes the plugin to be.</param>
/// <param name="Kept">Manifest candidates, SVG images and READMEs, by normalised path.</param>
/// <param name="TooLargeToKeep">Paths of files that would have been kept but passed a size cap.</param>
internal sealed record ArchiveContents(
    string PluginRoot,
    IReadOnlySet<string> Files,
    IReadOnlyDictionary<string, byte[]> Kept,
    IReadOnlySet<string> TooLargeToKeep);
