using Mirror.Core.Model;
using Mirror.Core.Settings;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Rendering;

/// <summary>Everything a site is rendered from.</summary>
/// <param name="Bundles">Every bundle checked, published or not (the verification page lists them all).</param>
/// <param name="Report">The bytes of <c>report.json</c>.</param>
public sealed record SiteContent(PluginCatalog Catalog, IReadOnlyList<CheckedBundle> Bundles, TrustedKeyring Keyring, SiteSettings Settings, byte[] Report);
