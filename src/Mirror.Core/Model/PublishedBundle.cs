using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Manifests;
using Mirror.Core.Settings;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Model;

/// <summary>One version of one plugin as the site publishes it.</summary>
public sealed class PublishedBundle(AcceptedBundle check, ListingFields fields)
{
    public const string BundlesFolder = "bundles";

    public AcceptedBundle Check { get; } = check;

    public ListingFields Fields { get; } = fields;

    public BundleInfo Info => Check.Info;

    public PluginManifest Manifest => Info.Manifest;

    public SignatureDetails Signature => Check.Signature;

    public IReadOnlyList<MarketplaceLabel> Labels { get; } = MarketplaceLabel.For(fields);

    /// <summary>The bundle's file name in the site: canonical, whatever it was called in the catalog.</summary>
    public string FileName => $"{Manifest.Id}-{Manifest.VersionText}.tar.gz";

    /// <summary>Site-relative path, with '/' separators.</summary>
    public string SitePath => $"{BundlesFolder}/{Manifest.Id}/{FileName}";

    public string SignatureSitePath => SitePath + ".sig";

    public bool RunsOn(Semver.SemVersion server) =>
        Manifest.MinServerVersion is not { } minimum || Semver.SemVersion.ComparePrecedence(minimum, server) <= 0;
}
