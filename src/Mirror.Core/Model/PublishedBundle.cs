using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Manifests;
using Mirror.Core.Scanning;
using Mirror.Core.Settings;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Model;

/// <summary>One bundle file of one plugin version as the site publishes it: the generic bundle or a platform's own.</summary>
internal sealed class PublishedBundle(AcceptedBundle check, ListingFields fields)
{
    public AcceptedBundle Check { get; } = check;

    public ListingFields Fields { get; } = fields;

    public BundleInfo Info => Check.Info;

    public PluginManifest Manifest => Info.Manifest;

    public SignatureDetails Signature => Check.Signature;

    public IReadOnlyList<MarketplaceLabel> Labels { get; } = MarketplaceLabel.For(fields);

    /// <summary>
    /// The one platform this bundle is built for (GOOS-GOARCH) beside the version's other bundles, or null for the
    /// version's generic bundle (see <see cref="AcceptedBundle.SitePlatform"/>).
    /// </summary>
    public string? Platform => Check.SitePlatform;

    /// <summary>The bundle's file name in the site: canonical, whatever it was called in the catalog.</summary>
    public string FileName => SiteNames.FileName(Manifest, Platform);

    /// <summary>Site-relative path, with '/' separators; no other published bundle has it (<see cref="SiteNames"/>).</summary>
    public string SitePath => SiteNames.SitePath(Manifest, Platform);

    public string SignatureSitePath => SitePath + CatalogScanner.SignatureSuffix;
}
