using Mirror.Core.Model;
using Mirror.Core.Settings;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Rendering;

/// <summary>Everything a site is rendered from.</summary>
/// <param name="Bundles">Every bundle checked, published or not (the verification page lists them all).</param>
internal sealed record SiteContent(PluginCatalog Catalog, IReadOnlyList<CheckedBundle> Bundles, TrustedKeyring Keyring, SiteSettings Settings)
{
    /// <summary>
    /// Everything a plugin's pages are made from besides the plugin's own bundles: the tool, the trusted keys, the
    /// settings, the options and the templates (see <c>BuildKeys.Pages</c>); "" when pages are not to be kept
    /// between builds.
    /// </summary>
    public string PagesKey { get; init; } = "";
}
