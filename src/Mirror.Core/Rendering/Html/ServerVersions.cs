using Mirror.Core.Bundles.Manifests;
using Mirror.Core.Model;
using Semver;

namespace Mirror.Core.Rendering.Html;

/// <summary>What a page says about which server runs which version, and what a plugin is made of.</summary>
internal static class ServerVersions
{
    /// <summary>One range of server versions and the version it gets: the newest whose minimum it meets, as mm/VERSION/ lists.</summary>
    internal sealed record Range(string Servers, string Version, bool IsPrerelease);

    /// <summary>
    /// From the newest server down: each version that some server gets, with the servers that get it; a version
    /// hidden by a newer one with the same or a lower minimum is never got and is left out.
    /// </summary>
    public static IReadOnlyList<Range> WhoGetsWhat(PluginVersions plugin)
    {
        var ranges = new List<Range>();
        SemVersion? upper = null;
        var anyServer = false;
        foreach (var version in plugin.Versions)
        {
            var minimum = version.Manifest.MinServerVersion;
            if (anyServer || (upper is not null && minimum is not null && SemVersion.ComparePrecedence(minimum, upper) >= 0))
                continue;
            var servers = (minimum, upper) switch
            {
                (null, null) => "any version",
                (null, _) => $"below {upper}",
                (_, null) => $"{minimum} or later",
                _ => $"{minimum} to below {upper}",
            };
            ranges.Add(new Range(servers, version.Manifest.VersionText, version.Manifest.Version.IsPrerelease));
            upper = minimum;
            anyServer = minimum is null;
        }

        if (upper is not null)
            ranges.Add(new Range($"below {upper}", "", false));
        return ranges;
    }

    /// <summary>
    /// The versions, newest first, as "VERSION@MINIMUM" words (no minimum: "VERSION@"), for the catalog's script to
    /// tell which version the server typed in "works on server" gets.
    /// </summary>
    public static string ForScript(PluginVersions plugin) =>
        string.Join(' ', plugin.Versions.Select(v => $"{v.Manifest.VersionText}@{v.Manifest.MinServerVersion}"));

    /// <summary>The server platforms; "server" for a single executable; "webapp only"; or neither part at all.</summary>
    public static string Platforms(PluginManifest manifest)
    {
        if (manifest.Platforms.Count > 0)
            return string.Join(", ", manifest.Platforms);
        var json = manifest.Json();
        var server = json["server"] is System.Text.Json.Nodes.JsonObject s && s["executable"] is not null;
        var webapp = json["webapp"] is System.Text.Json.Nodes.JsonObject w && w["bundle_path"] is not null;
        return (server, webapp) switch
        {
            (true, _) => "server (one executable)",
            (false, true) => "webapp only",
            _ => "no server or webapp part",
        };
    }
}
