using Mirror.Core.Model;

namespace Mirror.Core.Rendering.Html;

/// <summary>Writes the pages admins browse: catalog, one page per plugin, setup, verification, and their assets.</summary>
internal static class HtmlSite
{
    /// <summary>Pages are rendered on every core: a site of many plugins is mostly pages.</summary>
    public static void Write(ISiteOutput site, SiteContent content, TemplateSet templates)
    {
        var (catalog, bundles, keyring, settings) = content;
        void Page(string path, string template, string heading, object model) => KeptPage(path, template, heading, () => model, "");

        // A plugin's pages depend on that plugin alone: one the previous build made from the same inputs is kept.
        void KeptPage(string path, string template, string heading, Func<object> model, string inputsKey)
        {
            if (inputsKey.Length > 0 && site.TryKeep(path, inputsKey))
                return;
            var root = PageLinks.RootFrom(path);
            site.WriteText(path, text => templates.RenderPage(text, template, new { Root = root, Page = model() },
                content => new { Root = root, SiteTitle = settings.Title, Heading = heading, Active = template, Content = content }), inputsKey);
        }

        Page(PageLinks.Catalog, "index.html", "Plugins", CatalogPage.Model(catalog));
        AllCores.ForEach(catalog.Plugins, plugin =>
        {
            var inputsKey = InputsKey(content.PagesKey, plugin);
            KeptPage(PageLinks.PluginPage(plugin.Id), "plugin.html", plugin.Latest.Manifest.Name, () => PluginPage.Model(plugin), inputsKey);
            foreach (var version in plugin.Versions)
            {
                KeptPage(PageLinks.VersionPage(plugin.Id, version.Manifest.VersionText), "version.html",
                    $"{version.Manifest.Name} {version.Manifest.VersionText}", () => VersionPage.Model(plugin, version.Primary, keyring), inputsKey);
            }
        });
        Page(PageLinks.Setup, "setup.html", "Server setup", SetupPage.Model(settings, keyring));
        Page(PageLinks.Verification, "verification.html", "Verification report", VerificationPage.Model(bundles));
        foreach (var (name, bytes) in templates.Assets())
            site.Write(name, bytes);
    }

    /// <summary>
    /// What a plugin's pages are made from: the site-wide <paramref name="pagesKey"/> and every bundle of the plugin
    /// (its file in the catalog, its bytes and its signature decide all a check finds in it); "" without a pages key.
    /// </summary>
    private static string InputsKey(string pagesKey, PluginVersions plugin)
    {
        if (pagesKey.Length == 0)
            return "";
        var key = new ContentKey().Add(pagesKey);
        foreach (var bundle in plugin.Versions.SelectMany(v => v.Bundles))
            key.Add($"{bundle.Check.Candidate.RelativePath}\n{bundle.Platform}\n{bundle.Check.Sha256}").Add(bundle.Check.SignatureBytes);
        return key.Finish();
    }
}
