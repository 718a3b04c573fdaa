using Mirror.Core.Scanning;
using Mirror.Core.Settings;

namespace Mirror.Core.Init;

/// <summary><c>mirror init</c>: a catalog folder of one's own, with a place for each thing and the settings explained.</summary>
internal static class NewCatalog
{
    public const string PluginsFolder = "plugins";
    public const string ReadmeFile = "README.md";

    /// <summary>Creates <paramref name="folder"/> (or fills it if empty) and returns the paths made, in order.</summary>
    /// <exception cref="MirrorException">
    /// The folder is a file, a link to nothing, below a file, or holds something already: nothing is overwritten (exit
    /// 2). The system does not let it be made (permissions, a read-only or special file system): exit 1.
    /// </exception>
    public static IReadOnlyList<string> Create(string folder)
    {
        var shown = DisplayName.Escape(folder);
        // .NET takes a link to nothing for a file; creating through it would make its target, wherever that is.
        var link = new FileInfo(folder);
        if (link.LinkTarget is { } target && link.ResolveLinkTarget(returnFinalTarget: true) is { } end && !Path.Exists(end.FullName))
            throw new MirrorException($"\"{shown}\" is a symbolic link to \"{DisplayName.Escape(target)}\", which does not exist; give a new folder for the catalog");
        if (File.Exists(folder))
            throw new MirrorException($"\"{shown}\" is a file; give a new folder for the catalog");
        if (FileAbove(folder) is { } file)
            throw new MirrorException($"\"{shown}\" cannot be made: \"{DisplayName.Escape(file)}\" is a file, not a folder; give a new folder for the catalog");

        var keys = Path.Combine(folder, CatalogScanner.KeysFolder);
        var plugins = Path.Combine(folder, PluginsFolder);
        var settings = Path.Combine(folder, SettingsFile.FileName);
        var readme = Path.Combine(folder, ReadmeFile);
        try
        {
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
                throw new MirrorException($"\"{shown}\" is not empty; give a new folder (mirror init never overwrites anything)");
            Directory.CreateDirectory(keys);
            Directory.CreateDirectory(plugins);
            File.WriteAllText(settings, SettingsExample);
            File.WriteAllText(readme, Readme);
        }
        catch (Exception e) when (WholeFile.IsWriteFailure(e))
        {
            throw new MirrorException($"cannot make the catalog \"{shown}\": {WholeFile.Reason(e)}", ExitCodes.Failure);
        }

        return [keys, plugins, settings, readme];
    }

    /// <summary>The nearest existing folder above <paramref name="folder"/>, when it is a file instead.</summary>
    private static string? FileAbove(string folder)
    {
        for (var above = Path.GetDirectoryName(Path.GetFullPath(folder)); above is not null; above = Path.GetDirectoryName(above))
        {
            if (Directory.Exists(above))
                return null;
            if (File.Exists(above))
                return above;
        }

        return null;
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
