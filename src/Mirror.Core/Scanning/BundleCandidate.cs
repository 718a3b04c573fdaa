namespace Mirror.Core.Scanning;

/// <summary>A <c>*.tar.gz</c> found in the catalog and the detached signature beside it, if any.</summary>
/// <param name="RelativePath">Relative to the catalog, with '/' separators: how the report and messages name it.</param>
public sealed record BundleCandidate(string FullPath, string RelativePath, string? SignaturePath)
{
    public string? SignatureRelativePath => SignaturePath is null ? null : RelativePath + Path.GetExtension(SignaturePath);

    /// <summary>The file's own name as messages show it (control characters escaped, like <see cref="RelativePath"/>).</summary>
    public string DisplayFileName => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];

    public string? SignatureDisplayFileName => SignaturePath is null ? null : DisplayFileName + Path.GetExtension(SignaturePath);
}
