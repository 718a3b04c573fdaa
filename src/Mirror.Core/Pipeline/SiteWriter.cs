using Mirror.Core.Publishing;
using Mirror.Core.Rendering;
using Mirror.Core.Rendering.Html;
using Mirror.Core.Rendering.Json;
using Mirror.Core.Rendering.WebServer;

namespace Mirror.Core.Pipeline;

/// <summary>Writes every file of a site into the staging folder.</summary>
internal static class SiteWriter
{
    public static void Write(string siteDir, SiteContent content, TemplateSet templates, StagedBundles staged)
    {
        var (catalog, _, keyring, settings, report) = content;
        foreach (var bundle in catalog.AllBundles)
        {
            var target = Path.Combine(siteDir, bundle.SitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(staged.PathOf(bundle.Check.Candidate), target);
            File.WriteAllBytes(Path.Combine(siteDir, bundle.SignatureSitePath), bundle.Check.SignatureBytes);
        }

        ApiTree.Write(siteDir, catalog, settings);
        PluginsJsonFile.Write(siteDir, catalog, settings);
        KeysFolder.Write(siteDir, keyring);
        File.WriteAllBytes(Path.Combine(siteDir, ReportFile.FileName), report);
        WriteText(Path.Combine(siteDir, NginxConfig.RelativePath), NginxConfig.Render(settings));
        WriteText(Path.Combine(siteDir, ApacheConfig.FileName), ApacheConfig.Render(settings));
        HtmlSite.Write(siteDir, content, templates);
    }

    private static void WriteText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }
}
