namespace Mirror.Core.Rendering.Html;

/// <summary>Writes the pages admins browse: catalog, one page per plugin, setup, verification, and their assets.</summary>
public static class HtmlSite
{
    public static void Write(string siteDir, SiteContent content, TemplateSet templates)
    {
        var (catalog, bundles, keyring, settings, _) = content;
        void Page(string path, string template, string heading, object model)
        {
            var body = templates.Render(template, new { Root = PageLinks.RootFrom(path), Page = model });
            var html = templates.Render("layout.html", new
            {
                Root = PageLinks.RootFrom(path),
                SiteTitle = settings.Title,
                Heading = heading,
                Active = template,
                Content = new TrustedHtml(body),
            });
            var target = Path.Combine(siteDir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, html);
        }

        Page(PageLinks.Catalog, "index.html", "Plugins", CatalogPage.Model(catalog));
        foreach (var plugin in catalog.Plugins)
        {
            Page(PageLinks.PluginPage(plugin.Id), "plugin.html", plugin.Latest.Manifest.Name, PluginPage.Model(plugin));
            foreach (var version in plugin.Versions)
            {
                Page(PageLinks.VersionPage(plugin.Id, version.Manifest.VersionText), "version.html",
                    $"{version.Manifest.Name} {version.Manifest.VersionText}", VersionPage.Model(plugin, version, keyring));
            }
        }
        Page(PageLinks.Setup, "setup.html", "Server setup", SetupPage.Model(settings, keyring));
        Page(PageLinks.Verification, "verification.html", "Verification report", VerificationPage.Model(bundles));
        foreach (var (name, bytes) in templates.Assets())
        {
            var target = Path.Combine(siteDir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes);
        }
    }
}
