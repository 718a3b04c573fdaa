using System.Text;
using Mirror.Core.Publishing;
using Mirror.Core.Rendering;
using Mirror.Core.Rendering.Html;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Rendering.Routing;
using Mirror.Core.Rendering.WebServer;

namespace Mirror.Core.Pipeline;

/// <summary>Writes every file of a site into the staging folder, on every core.</summary>
internal static class SiteWriter
{
    public static void Write(StagedSite site, SiteContent content, TemplateSet templates, StagedBundles staged)
    {
        var (catalog, bundles, keyring, settings) = content;
        AllCores.ForEach(catalog.AllBundles, bundle =>
        {
            var check = bundle.Check;
            if (staged.PathOf(check.Candidate) is { } copy)
                site.MoveIn(bundle.SitePath, copy, check.Sha256);
            else if (!site.TryReuse(bundle.SitePath, check.Sha256))
                site.CopyIn(bundle.SitePath, check.Candidate.FullPath, check.Sha256);
            site.Write(bundle.SignatureSitePath, check.SignatureBytes);
        });

        var routes = ApiRoutes.Plan(catalog, settings.BaseUrl, site.WriteHashed, site.Root);
        PluginsJsonFile.Write(site, catalog, settings);
        SiteIndexFile.Write(site, settings);
        KeysFolder.Write(site, keyring);
        site.WriteStreamed(ReportFile.FileName, file => ReportFile.Write(file, bundles));
        var rules = "";
        site.WriteText(NginxConfig.RelativePath, text => rules = NginxConfig.Write(text, settings, routes));
        site.Write(NginxConfig.RulesMarker(rules), "nginx/mirror.conf's rules are this site's: an nginx that read them need not reload.\n"u8.ToArray());
        // Small files: hashed before they are written, so an unchanged one is linked from the previous site, not written.
        foreach (var (path, text) in ApacheConfig.Render(settings, routes))
            site.Write(path, Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")));
        HtmlSite.Write(site, content, templates);
    }
}
