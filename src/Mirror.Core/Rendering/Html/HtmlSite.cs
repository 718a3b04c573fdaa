using System.Text;

namespace Mirror.Core.Rendering.Html;

/// <summary>Writes the pages admins browse: catalog, one page per plugin, setup, verification, and their assets.</summary>
public static class HtmlSite
{
    /// <summary>Pages are rendered on every core: a site of many plugins is mostly pages.</summary>
    public static void Write(ISiteOutput site, SiteContent content, TemplateSet templates)
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
            site.Write(path, Encoding.UTF8.GetBytes(html));
        }

        Page(PageLinks.Catalog, "index.html", "Plugins", CatalogPage.Model(catalog));
        AllCores.ForEach(catalog.Plugins, plugin =>
        {
            Page(PageLinks.PluginPage(plugin.Id), "plugin.html", plugin.Latest.Manifest.Name, PluginPage.Model(plugin));
            foreach (var version in plugin.Versions)
            {
                Page(PageLinks.VersionPage(plugin.Id, version.Manifest.VersionText), "version.html",
                    $"{version.Manifest.Name} {version.Manifest.VersionText}", VersionPage.Model(plugin, version.Primary, keyring));
            }
        });
        Page(PageLinks.Setup, "setup.html", "Server setup", SetupPage.Model(settings, keyring));
        Page(PageLinks.Verification, "verification.html", "Verification report", VerificationPage.Model(bundles));
        foreach (var (name, bytes) in templates.Assets())
            site.Write(name, bytes);
    }
}
