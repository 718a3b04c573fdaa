namespace Mirror.Core.Publishing;

/// <summary>One file of a published site as the build left it: its content hash and its identity on disk.</summary>
/// <param name="Path">Site-relative, with '/' separators.</param>
/// <param name="InputsKey">What the file was made from, when the renderer named it (a plugin's pages); "" otherwise.</param>
internal sealed record SiteFileRecord(string Path, string Sha256, FileIdentity Identity, string InputsKey);
