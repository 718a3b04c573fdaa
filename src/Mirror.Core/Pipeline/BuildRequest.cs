using Mirror.Core.Bundles.Archive;

namespace Mirror.Core.Pipeline;

/// <summary>
/// What <c>mirror build</c> was asked to do; null flags fall back to mirror.json, then to the defaults. The optional
/// parts are named where they are set (<c>new BuildRequest(catalog, output) { BaseUrl = …, Title = … }</c>), so that
/// the adjacent strings can never be swapped by position.
/// </summary>
public sealed record BuildRequest(string CatalogDir, string OutputDir)
{
    public string? BaseUrl { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [];

    public string? Title { get; init; }

    public bool Strict { get; init; }

    public string? ReportPath { get; init; }

    public string? TemplatesDir { get; init; }

    public ArchiveLimits Limits { get; init; } = ArchiveLimits.Default;

    /// <summary>
    /// <c>SOURCE_DATE_EPOCH</c>: the time every file and folder of the site gets, so that even archives of the site
    /// are reproducible. File contents never depend on the clock either way.
    /// </summary>
    public DateTimeOffset? SourceDate { get; init; }

    /// <summary>
    /// <c>--cache DIR</c>: where the build cache lives [default: <c>.NAME.cache</c> beside the output folder]. An
    /// option that changes what the site holds must show in <see cref="BuildKeys.Site"/> (a scalar one does by itself).
    /// </summary>
    public string? CacheDir { get; init; }

    /// <summary><c>--no-cache</c>: a cold build that neither reads nor writes the cache, nor takes files from the previous site.</summary>
    public bool NoCache { get; init; }

    /// <summary>Counters for a progress line, or null.</summary>
    public BuildProgress? Progress { get; init; }
}
