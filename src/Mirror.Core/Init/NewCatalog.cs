using Mirror.Core.Scanning;
using Mirror.Core.Settings;

namespace Mirror.Core.Init;

/// <summary><c>mirror init</c>: a catalog folder of one's own, with a place for each thing and the settings explained.</summary>
public static class NewCatalog
{
    public const string PluginsFolder = "plugins";
    public const string ReadmeFile = "README.md";

    /// <summary>Creates <paramref name="folder"/> (or fills it if empty) and returns the paths made, in order.</summary>
    /// <exception cref="MirrorException">The folder is a file, or holds something already: nothing is overwritten.</exception>
    public static IReadOnlyList<string> Create(string folder)
    {
        if (File.Exists(folder))
            throw new MirrorException($"\"{folder}\" is a file; give a new folder for the catalog");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new MirrorException($"\"{folder}\" is not empty; give a new folder (mirror init never overwrites anything)");

        var keys = Path.Combine(folder, CatalogScanner.KeysFolder);
        var plugins = Path.Combine(folder, PluginsFolder);
        var settings = Path.Combine(folder, SettingsFile.FileName);
        var readme = Path.Combine(folder, ReadmeFile);
        Directory.CreateDirectory(keys);
        Directory.CreateDirectory(plugins);
        File.WriteAllText(settings, SettingsExample);
        File.WriteAllText(readme, Readme);
        return [keys, plugins, settings, readme];
    }

    /// <summary>Every key commented out, so the defaults apply until someone chooses; each uncommented line is valid.</summary>
    public const string SettingsExample = """
        // Settings of this catalog for `mirror build`. Every key is optional, flags override them, and lines starting
        // with // are comments: remove the // in front of a setting to use it.
        {
          // The site's title, on every page [default: Plugin Mirror].
          // "title": "Acme Plugin Mirror",

          // The URL the site is served at; every download_url is absolute under it [default: http://localhost:8080/].
          // "base_url": "https://mirror.acme.internal/mattermost/",

          // Mattermost server versions that get a Marketplace URL of their own (BASE_URL/mm/VERSION), listing for
          // each plugin the newest version that server can run.
          // "targets": ["9.11.0", "10.5.0"],

          // Marketplace fields a bundle does not carry, per plugin id: author_type (mattermost, partner, community),
          // release_stage (production, beta, experimental), enterprise (true, false), hosting ("", on-prem, cloud),
          // repo_name.
          // "plugins": {
          //   "com.acme.myplugin": {"author_type": "community", "release_stage": "beta", "hosting": "on-prem"},
          // },
        }

        """;

    public const string Readme = """
        # A Plugin Mirror catalog

        - `keys/`: the public keys you trust (`mirror keys add KEY.asc CATALOG`); a bundle is published only if one of them signed it.
        - `plugins/`: the plugin bundles, each `X.tar.gz` with its signature `X.tar.gz.sig` beside it (`mirror sign X.tar.gz --key PRIVATE.asc`).
        - `mirror.json`: the site's settings (title, base URL, server versions), commented.

        Check it with `mirror verify CATALOG`, publish it with `mirror build CATALOG --output SITE`.

        """;
}
