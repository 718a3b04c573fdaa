using Mirror.Core.Bundles.Archive;

namespace Mirror.Core.Pipeline;

/// <summary>What <c>mirror build</c> was asked to do; null flags fall back to mirror.json, then to the defaults.</summary>
public sealed record BuildRequest(
    string CatalogDir,
    string OutputDir,
    string? BaseUrl = null,
    IReadOnlyList<string>? Targets = null,
    string? Title = null,
    bool Strict = false,
    string? ReportPath = null,
    string? TemplatesDir = null)
{
    public ArchiveLimits Limits { get; init; } = ArchiveLimits.Default;
}
