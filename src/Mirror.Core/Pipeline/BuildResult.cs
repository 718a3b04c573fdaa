using Mirror.Core.Model;
using Mirror.Core.Settings;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Pipeline;

internal sealed record BuildResult(
    IReadOnlyList<CheckedBundle> Bundles,
    PluginCatalog Catalog,
    SiteSettings Settings,
    bool SitePublished,
    string OutputDir,
    int ExitCode)
{
    /// <summary>Nothing the site is made from changed and the previous site was intact: it was left as it was.</summary>
    public bool SiteUnchanged { get; init; }

    /// <summary>The new site's nginx/mirror.conf differs from the one of the site it replaced: an nginx serving it must reload.</summary>
    public bool NginxConfigChanged { get; init; }

    /// <summary>What went wrong after the site was published (the cache not saved, the replaced site not deleted): warnings, the build succeeded.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Bundles the cache vouched for, neither read nor verified again.</summary>
    public int FromCache { get; init; }

    /// <summary>Pages of plugins whose bundles did not change, kept from the previous site without being rendered again.</summary>
    public int PagesKept { get; init; }

    /// <summary>Links to folders below the catalog that were not followed.</summary>
    public IReadOnlyList<string> SkippedLinks { get; init; } = [];

    /// <summary>What the trusted key files held that was not used (see <see cref="TrustedKeyring.Warnings"/>).</summary>
    public IReadOnlyList<KeyFileWarning> KeyWarnings { get; init; } = [];

    public int PublishedCount => Bundles.Count(b => b.IsPublished);

    public IEnumerable<CheckedBundle> Rejected => Bundles.Where(b => !b.IsPublished).OrderBy(b => b.Candidate.RelativePath, StringComparer.Ordinal);
}
