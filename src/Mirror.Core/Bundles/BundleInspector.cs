using System.Text;
using System.Text.Json.Nodes;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Bundles.Manifests;

namespace Mirror.Core.Bundles;

/// <summary>Finds the manifest the way Mattermost does, validates it, and resolves the icon and README it points to.</summary>
internal static class BundleInspector
{
    private const string SvgDataUriPrefix = "data:image/svg+xml;base64,";

    /// <exception cref="BundleRefusedException">No manifest, several, or an invalid one.</exception>
    public static BundleInfo Inspect(ArchiveContents contents)
    {
        var root = contents.PluginRoot;
        var candidates = ArchiveReader.ManifestNames.Select(name => root + name).Where(contents.Files.Contains).ToList();
        var where = root.Length == 0 ? "the archive's top level" : $"folder \"{root.TrimEnd('/')}\"";
        if (candidates.Count == 0)
            throw new BundleRefusedException(BundleRefusalCodes.NoManifest, $"no plugin.json, plugin.yaml or plugin.yml in {where}");
        if (candidates.Count > 1)
        {
            throw new BundleRefusedException(BundleRefusalCodes.SeveralManifests,
                $"several manifests in {where} ({string.Join(", ", candidates.Select(c => c[root.Length..]))}); " +
                $"Mattermost reads only {candidates[0][root.Length..]}, so keep just that one");
        }

        var path = candidates[0];
        var fileName = path[root.Length..];
        if (!contents.Kept.TryGetValue(path, out var bytes))
            throw new BundleRefusedException(BundleRefusalCodes.TooLarge, $"{fileName} is larger than a manifest may be");

        var raw = ManifestParser.Parse(bytes, fileName);
        var (manifest, warnings) = ManifestValidator.Validate(raw, fileName, root);
        RequireNamedFiles(contents, raw, manifest.SourceFile);
        var allWarnings = warnings.ToList();
        var icon = IconData(contents, manifest, allWarnings);
        return new BundleInfo(manifest, icon, Readme(contents, allWarnings), allWarnings);
    }

    /// <summary>
    /// Mattermost loads the webapp bundle and starts the server executable when the plugin is enabled: one missing from
    /// the archive (or a folder) would fail then, so the bundle is refused now. A missing icon is only a warning.
    /// </summary>
    private static void RequireNamedFiles(ArchiveContents contents, JsonObject raw, string sourceFile)
    {
        foreach (var (key, path) in ManifestValidator.PathsNamed(raw, sourceFile).Where(p => p.Key != "icon_path"))
        {
            EntryPaths.TryResolveInside(contents.PluginRoot, path, out var resolved);
            if (!contents.Files.Contains(resolved))
            {
                throw new BundleRefusedException(BundleRefusalCodes.InvalidManifest,
                    $"{sourceFile}: \"{key}\" {EntryPaths.Quote(path)} is not a file in the bundle; Mattermost would fail to enable the plugin");
            }
        }
    }

    private static string IconData(ArchiveContents contents, PluginManifest manifest, List<string> warnings)
    {
        if (manifest.IconPath.Length == 0)
            return "";
        EntryPaths.TryResolveInside(contents.PluginRoot, manifest.IconPath, out var path);
        var quoted = EntryPaths.Quote(manifest.IconPath);
        string? problem = null;
        if (!path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
            problem = "is not an SVG file (Mattermost shows only SVG icons)";
        else if (contents.TooLargeToKeep.Contains(path))
            throw new BundleRefusedException(BundleRefusalCodes.TooLarge, $"icon_path {quoted} is larger than an icon may be");
        else if (!contents.Kept.TryGetValue(path, out var svg))
            problem = "is not in the bundle";
        else if (!LooksLikeSvg(svg))
            problem = "does not hold an SVG image";
        else
            return SharedStrings.Of(SvgDataUriPrefix + Convert.ToBase64String(svg));

        warnings.Add($"icon: icon_path {quoted} {problem}; listed without an icon");
        return "";
    }

    private static bool LooksLikeSvg(byte[] svg)
    {
        var head = Encoding.UTF8.GetString(svg, 0, Math.Min(svg.Length, 4096));
        return head.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('<') && head.Contains("<svg", StringComparison.Ordinal);
    }

    private static string? Readme(ArchiveContents contents, List<string> warnings)
    {
        var path = contents.Kept.Keys
            .Where(p => p.StartsWith(contents.PluginRoot, StringComparison.Ordinal) && p.Length > contents.PluginRoot.Length &&
                p[contents.PluginRoot.Length..].Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (path is null)
            return null;
        if (contents.Kept[path].Length > ReadmeMarkdown.MaxBytes)
        {
            warnings.Add($"readme: {EntryPaths.Quote(path[contents.PluginRoot.Length..])} is larger than {ReadmeMarkdown.MaxBytes / 1024} KiB, " +
                "the most rendered as Markdown; the plugin's page leaves it out");
            return null;
        }

        var readme = Encoding.UTF8.GetString(contents.Kept[path]);
        if (ReadmeMarkdown.CanRender(readme))
            return readme;
        warnings.Add($"readme: {EntryPaths.Quote(path[contents.PluginRoot.Length..])} is Markdown that Markdig refuses to render " +
            "(past its limits on quotes, lists, emphasis or links inside one another, or on long runs of them); the plugin's page leaves it out");
        return null;
    }
}
