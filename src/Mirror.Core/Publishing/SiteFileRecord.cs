namespace Mirror.Core.Publishing;

/// <summary>One file of a published site as the build left it: its content hash and its identity on disk.</summary>
/// <param name="Path">Site-relative, with '/' separators.</param>
public sealed record SiteFileRecord(string Path, string Sha256, FileIdentity Identity);
