using System.Text;
using Mirror.Core.Pipeline;
using Mirror.Core.Rendering;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Scanning;

namespace Mirror.Cli.Commands;

/// <summary>What <c>mirror build</c> tells: the published plugins (stdout), the summary (stderr), or both as JSON.</summary>
internal static class BuildSummary
{
    /// <summary>One line per published plugin, its id then its versions newest first; a compact table on a terminal.</summary>
    public static string Published(BuildResult result, bool terminal)
    {
        if (!result.SitePublished)
            return "";
        var plugins = result.Catalog.Plugins;
        return terminal
            ? TextTable.Render(["PLUGIN", "VERSIONS"], plugins.Select(p => new[] { p.Id, string.Join(", ", p.Versions.Select(v => v.Manifest.VersionText)) }))
            : string.Concat(plugins.Select(p => string.Join(' ', p.Versions.Select(v => v.Manifest.VersionText).Prepend(p.Id)) + "\n"));
    }

    /// <summary>The counts, warnings, rejections and Marketplace URLs; with <paramref name="quiet"/> only the errors.</summary>
    public static string Text(BuildResult result, bool quiet)
    {
        var text = new StringBuilder();
        var rejected = result.Rejected.ToList();
        if (!quiet)
        {
            var cached = result.FromCache > 0 ? $" ({result.FromCache} unchanged since the last build, known from the cache)" : "";
            text.Append($"mirror: {result.Bundles.Count} bundle(s) checked{cached}: {result.PublishedCount} published " +
                $"({result.Catalog.Plugins.Count} plugin(s)), {rejected.Count} rejected\n");
            using var links = new StringWriter();
            SkippedLinks.Write(result.SkippedLinks, links);
            KeyWarnings.Write(result.KeyWarnings, links);
            text.Append(links);
            foreach (var bundle in result.Bundles.Where(b => b.IsPublished))
            {
                foreach (var warning in bundle.Warnings)
                    text.Append($"  warning {bundle.Candidate.RelativePath}: {DisplayName.EscapeText(warning)}\n");
            }
        }

        foreach (var bundle in rejected)
            text.Append($"  rejected {DisplayName.EscapeText(bundle.Reason)}\n");
        if (result.SitePublished)
        {
            if (!quiet)
            {
                text.Append(result.SiteUnchanged
                    ? $"mirror: nothing changed; the site in {result.OutputDir} is left as it is\n"
                    : $"mirror: site written to {result.OutputDir}\n");
                foreach (var warning in result.Warnings)
                    text.Append($"mirror: warning: {warning}\n");
                if (result.NginxConfigChanged)
                    text.Append("mirror: nginx/mirror.conf changed: an nginx serving this site answers from its old rules until it is reloaded (nginx -s reload)\n");
                text.Append($"mirror: Marketplace URL {SiteUrls.MarketplaceUrl(result.Settings, null)} (right for every server version)\n");
                foreach (var target in result.Settings.Targets)
                    text.Append($"mirror: pinned to {target}: {SiteUrls.MarketplaceUrl(result.Settings, target)}\n");
            }
        }
        else
        {
            text.Append(result.Bundles.Count == 0
                ? "mirror: no *.tar.gz bundles in the catalog; nothing published, the previous site is untouched\n"
                : "mirror: nothing published; the previous site is untouched\n");
        }

        return text.ToString();
    }

    public static string Json(BuildResult result) => Encoding.UTF8.GetString(JsonOutput.Render(writer =>
    {
        writer.WriteStartObject();
        writer.WriteBoolean("site_published", result.SitePublished);
        writer.WriteBoolean("site_unchanged", result.SiteUnchanged);
        writer.WriteString("output", result.OutputDir);
        writer.WriteNumber("exit_code", result.ExitCode);
        writer.WriteNumber("checked", result.Bundles.Count);
        writer.WriteNumber("published", result.PublishedCount);
        writer.WriteNumber("rejected", result.Bundles.Count - result.PublishedCount);
        writer.WriteBoolean("nginx_config_changed", result.NginxConfigChanged);
        writer.WritePropertyName("build_warnings");
        writer.WriteArray(result.Warnings, (w, warning) => w.WriteStringValue(warning));
        writer.WritePropertyName("marketplace_urls");
        writer.WriteArray(result.SitePublished ? SiteUrls.MarketplaceUrls(result.Settings).ToList() : [], (w, url) => w.WriteStringValue(url));
        writer.WritePropertyName("plugins");
        writer.WriteArray(result.SitePublished ? result.Catalog.Plugins : [], (w, plugin) =>
        {
            w.WriteStartObject();
            w.WriteString("id", plugin.Id);
            w.WritePropertyName("versions");
            w.WriteArray(plugin.Versions, (vw, v) => vw.WriteStringValue(v.Manifest.VersionText));
            w.WriteEndObject();
        });
        writer.WritePropertyName("rejections");
        writer.WriteArray(result.Rejected.ToList(), (w, bundle) =>
        {
            w.WriteStartObject();
            w.WriteString("file", bundle.Candidate.RelativePath);
            w.WriteString("reason_code", bundle.ReasonCode);
            w.WriteString("reason", bundle.Reason);
            w.WriteEndObject();
        });
        writer.WritePropertyName("warnings");
        var keyWarnings = result.KeyWarnings.Select(w => (RelativePath: w.File, w.Warning));
        var bundleWarnings = result.Bundles.Where(b => b.IsPublished).SelectMany(b => b.Warnings.Select(w => (b.Candidate.RelativePath, Warning: w)));
        writer.WriteArray(keyWarnings.Concat(bundleWarnings).ToList(), (w, item) =>
        {
            w.WriteStartObject();
            w.WriteString("file", item.RelativePath);
            w.WriteString("warning", item.Warning);
            w.WriteEndObject();
        });
        writer.WriteEndObject();
    }));
}
