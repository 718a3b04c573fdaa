using System.Text.RegularExpressions;
using Mirror.Core;
using Mirror.Core.Settings;
using Mirror.Tests.Support;

namespace Mirror.Tests.Pipeline;

/// <summary><c>mirror init [DIR]</c>: a catalog of one's own, from which the README's "Publish your own plugin" starts.</summary>
public sealed partial class InitCommandTests
{
    [Fact]
    public void Init_makes_keys_plugins_a_commented_mirror_json_and_a_readme_and_says_what_goes_where()
    {
        using var temp = new TempDir();
        var dir = temp["my-catalog"];

        var result = MirrorCli.Run("init", dir);

        Assert.Equal((ExitCodes.Success, ""), (result.Code, result.Stdout));
        Assert.Equal(
            $"mirror: started a catalog in {dir}\n" +
            $"  {dir}/keys/        the public keys you trust: mirror keys add KEY.asc {dir}\n" +
            $"  {dir}/plugins/     signed bundles: X.tar.gz with X.tar.gz.sig beside it (mirror sign)\n" +
            $"  {dir}/mirror.json  the site's settings, commented\n" +
            $"  {dir}/README.md    what goes where\n" +
            "next: no signing key yet? mirror keys generate --name NAME --email EMAIL --output DIR\n" +
            $"then: mirror build {dir} --output site\n", result.Stderr);
        Assert.True(Directory.Exists(Path.Combine(dir, "keys")));
        Assert.True(Directory.Exists(Path.Combine(dir, "plugins")));
        Assert.StartsWith("// Settings of this catalog for `mirror build`.", File.ReadAllText(Path.Combine(dir, "mirror.json")), StringComparison.Ordinal);
        Assert.Contains("- `plugins/`: the plugin bundles, each `X.tar.gz` with its signature `X.tar.gz.sig` beside it", File.ReadAllText(Path.Combine(dir, "README.md")));
        var settings = SettingsFile.Load(dir); // every setting commented out: the defaults
        Assert.Equal((null, null, null, 0), (settings.Title, settings.BaseUrl, settings.Targets, settings.Plugins.Count));
    }

    [Fact]
    public void Every_setting_of_the_example_works_once_uncommented()
    {
        using var temp = new TempDir();
        var dir = temp["cat"];
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("init", dir).Code);
        var example = File.ReadAllText(Path.Combine(dir, "mirror.json"));
        File.WriteAllText(Path.Combine(dir, "mirror.json"), CommentedSetting().Replace(example, "$1$2"));

        var settings = SettingsFile.Load(dir);

        Assert.Equal(("Acme Plugin Mirror", "https://mirror.acme.internal/mattermost/"), (settings.Title, settings.BaseUrl));
        Assert.Equal(["9.11.0", "10.5.0"], settings.Targets);
        Assert.Equal("beta", settings.Plugins["com.acme.myplugin"].ReleaseStage);
    }

    [Fact]
    public void Init_never_touches_a_folder_that_holds_something_or_a_file()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp["keep.txt"], "mine");
        File.WriteAllText(temp["a-file"], "mine");

        Assert.Equal(new MirrorCli.Result(ExitCodes.BadUsage, "", $"mirror: \"{temp.Path}\" is not empty; give a new folder (mirror init never overwrites anything)\n"),
            MirrorCli.Run("init", temp.Path));
        Assert.Equal(new MirrorCli.Result(ExitCodes.BadUsage, "", $"mirror: \"{temp["a-file"]}\" is a file; give a new folder for the catalog\n"),
            MirrorCli.Run("init", temp["a-file"]));
        Assert.Equal(["a-file", "keep.txt"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_folder_below_a_file_or_a_link_to_nothing_is_exit_2_and_one_the_system_will_not_make_is_exit_1()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp["a-file"], "mine");
        SpecialFiles.Link(temp["dangling"], temp["nowhere"]);

        Assert.Equal(new MirrorCli.Result(ExitCodes.BadUsage, "",
                $"mirror: \"{temp["a-file/sub"]}\" cannot be made: \"{temp["a-file"]}\" is a file, not a folder; give a new folder for the catalog\n"),
            MirrorCli.Run("init", temp["a-file/sub"]));
        Assert.Equal(new MirrorCli.Result(ExitCodes.BadUsage, "",
                $"mirror: \"{temp["dangling"]}\" is a symbolic link to \"{temp["nowhere"]}\", which does not exist; give a new folder for the catalog\n"),
            MirrorCli.Run("init", temp["dangling"]));
        Assert.False(Path.Exists(temp["nowhere"]));
        Assert.Equal(new MirrorCli.Result(ExitCodes.Failure, "", "mirror: cannot make the catalog \"/proc/x\": no such file or directory\n"),
            MirrorCli.Run("init", "/proc/x"));
    }

    [Fact]
    public void A_name_with_a_line_break_is_printed_escaped()
    {
        using var temp = new TempDir();
        var dir = temp["bad\nname"];

        var result = MirrorCli.Run("init", dir);

        Assert.Equal(ExitCodes.Success, result.Code);
        Assert.True(Directory.Exists(Path.Combine(dir, "keys")));
        var shown = Path.Combine(temp.Path, "bad\\x0aname");
        Assert.Equal([$"mirror: started a catalog in {shown}", $"  {shown}/keys/        the public keys you trust: mirror keys add KEY.asc {shown}"],
            result.Stderr.Split('\n')[..2]);
        Assert.Equal(7, result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void From_init_to_a_published_plugin_as_the_README_walks_it()
    {
        using var temp = new TempDir();
        var catalog = temp["catalog"];
        var key = GeneratedKeys.NoPassphrase;
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("init", catalog).Code);
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("keys", "add", key.PublicFile, catalog).Code);
        var bundle = temp["com.acme.myplugin-1.0.0.tar.gz"];
        File.WriteAllBytes(bundle, TarGz.Plugin("com.acme.myplugin", "1.0.0").Build());
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("sign", bundle, "--key", key.PrivateFile).Code);
        File.Copy(bundle, Path.Combine(catalog, "plugins", Path.GetFileName(bundle)));
        File.Copy(bundle + ".sig", Path.Combine(catalog, "plugins", Path.GetFileName(bundle) + ".sig"));

        Assert.Equal(ExitCodes.Success, MirrorCli.Run("verify", catalog).Code);
        var build = MirrorCli.Run("build", catalog, "--output", temp["site"]);

        Assert.Equal((ExitCodes.Success, "com.acme.myplugin 1.0.0\n"), (build.Code, build.Stdout));
        Assert.True(File.Exists(temp["site/plugins/com.acme.myplugin/index.html"]));
    }

    /// <summary>A commented line of the example that holds JSON: <c>  // "title": …</c>, <c>  // },</c>.</summary>
    [GeneratedRegex("^(\\s*)// (\"|}|  \")(?=.)", RegexOptions.Multiline)]
    private static partial Regex CommentedSetting();
}
