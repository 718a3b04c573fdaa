using Mirror.Core.Bundles.Manifests;

namespace Mirror.Core.Bundles;

/// <summary>What a readable bundle holds for the marketplace and the pages.</summary>
/// <param name="IconData">A <c>data:image/svg+xml;base64,…</c> URI, or "" when the plugin has no usable icon.</param>
internal sealed record BundleInfo(PluginManifest Manifest, string IconData, string? Readme, IReadOnlyList<string> Warnings);
