namespace Mirror.Core.Bundles.Archive;

/// <summary>Normalises an archive entry's name and refuses any that could land outside the extraction folder.</summary>
internal static class EntryPaths
{
    /// <returns>The path with '/' separators, no leading "./" and no trailing '/'; "" for the root itself.</returns>
    /// <exception cref="BundleRefusedException">An absolute path, a ".." segment, or a control character.</exception>
    public static string Normalize(string name)
    {
        if (name.Any(c => c < ' '))
            throw Unsafe($"entry name {Quote(name)} holds a control character");
        if (name.StartsWith('/') || name.StartsWith('\\') || (name.Length > 1 && name[1] == ':'))
            throw Unsafe($"entry {Quote(name)} has an absolute path");
        var segments = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s != ".")
            .ToList();
        if (segments.Contains(".."))
            throw Unsafe($"entry {Quote(name)} escapes the plugin folder with \"..\"");
        return string.Join('/', segments);
    }

    /// <summary>Whether a path taken from the manifest (relative to the plugin root) stays inside it.</summary>
    public static bool TryResolveInside(string pluginRoot, string manifestPath, out string resolved)
    {
        resolved = "";
        if (manifestPath.Length == 0 || manifestPath.StartsWith('/') || manifestPath.StartsWith('\\') ||
            (manifestPath.Length > 1 && manifestPath[1] == ':'))
        {
            return false;
        }

        var segments = new List<string>();
        foreach (var segment in manifestPath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
                continue;
            if (segment == "..")
                return false;
            segments.Add(segment);
        }

        resolved = pluginRoot + string.Join('/', segments);
        return segments.Count > 0;
    }

    public static string Quote(string name) =>
        "\"" + (name.Length > 80 ? name[..80] + "…" : name).Replace("\"", "\\\"") + "\"";

    private static BundleRefusedException Unsafe(string message) => new(BundleRefusalCodes.UnsafeEntry, message);
}
