using System.Diagnostics;
using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Tests.Support;

namespace Mirror.Tests.Pipeline;

/// <summary>
/// A rebuild's site is keyed on the very bytes it was made from: settings and templates changed while a build runs,
/// and files in the templates folder that are not templates, never leave a kept page stale or stop the build.
/// </summary>
public sealed class BuildInputsTests
{
    private static readonly string PluginTemplate = File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "plugin.html"));

    private static BuildRequest Request(TestCatalog catalog, Func<BuildRequest, BuildRequest>? options) =>
        (options ?? (r => r))(new BuildRequest(catalog.Dir, catalog.SiteDir));

    private static BuildResult Build(TestCatalog catalog, Func<BuildRequest, BuildRequest>? options = null) =>
        SiteBuilder.Build(Request(catalog, options));

    private static string Cold(TestCatalog catalog, Func<BuildRequest, BuildRequest>? options = null)
    {
        using var elsewhere = new TempDir();
        var result = SiteBuilder.Build(Request(catalog, options) with { OutputDir = elsewhere["site"], NoCache = true, CacheDir = null });
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        return SiteSnapshot.Of(elsewhere["site"]);
    }

    /// <summary>Runs <paramref name="action"/> on another thread as soon as the build's progress enters <paramref name="stage"/>.</summary>
    private static Task When(BuildProgress progress, string stage, Action action) => Task.Factory.StartNew(() =>
    {
        var clock = Stopwatch.StartNew();
        while (progress.Now().Stage != stage)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException(stage);
        }

        action();
    }, TaskCreationOptions.LongRunning);

    [Fact]
    public async Task Settings_edited_while_the_bundles_are_checked_do_not_leave_kept_pages_stale()
    {
        using var catalog = BuildCacheTests.ThreePlugins();
        catalog.Settings("""{"title": "Old title"}""");
        // A large bundle keeps the build in its "checking" stage for a while.
        var blob = new byte[16 << 20];
        new Random(7).NextBytes(blob);
        catalog.Add("big.tar.gz", TarGz.Plugin("com.example.big", "1.0.0").File("com.example.big/blob.bin", blob).Build(), BuildCacheTests.Signed);
        var progress = new BuildProgress();
        var edit = When(progress, "checking", () => catalog.Settings("""{"title": "New title"}"""));
        var first = Build(catalog, r => r with { Progress = progress });
        await edit;
        Assert.Equal("Old title", first.Settings.Title);
        BuildCacheTests.ChangeBeta(catalog);

        var second = Build(catalog);

        Assert.Equal("New title", second.Settings.Title);
        Assert.Equal(Cold(catalog), SiteSnapshot.Of(catalog.SiteDir));
    }

    [Fact]
    public async Task A_template_edited_while_the_site_is_written_then_put_back_does_not_leave_kept_pages_stale()
    {
        using var catalog = BuildCacheTests.ThreePlugins();
        for (var i = 0; i < 40; i++)
            catalog.Add($"p{i:00}.tar.gz", TarGz.Plugin($"com.example.p{i:00}", "1.0.0").Build(), BuildCacheTests.Signed);
        using var templates = new TempDir();
        var template = templates["plugin.html"];
        File.WriteAllText(template, "<!-- v1 -->" + PluginTemplate);
        var progress = new BuildProgress();
        var edit = When(progress, "writing the site", () => File.WriteAllText(template, "<!-- v2 -->" + PluginTemplate));
        Build(catalog, r => r with { TemplatesDir = templates.Path, Progress = progress });
        await edit;
        File.WriteAllText(template, "<!-- v1 -->" + PluginTemplate);
        BuildCacheTests.ChangeBeta(catalog);

        Build(catalog, r => r with { TemplatesDir = templates.Path });

        Assert.Equal(Cold(catalog, r => r with { TemplatesDir = templates.Path }), SiteSnapshot.Of(catalog.SiteDir));
    }

    [Theory]
    [InlineData("an editor's lock link")]
    [InlineData("a named pipe")]
    [InlineData("a link loop")]
    [InlineData("the site itself")]
    public void Files_of_the_templates_folder_that_are_not_templates_are_left_alone(string what)
    {
        using var catalog = BuildCacheTests.ThreePlugins();
        using var web = new TempDir();
        File.WriteAllText(web["plugin.html"], PluginTemplate);
        var output = catalog.SiteDir;
        switch (what)
        {
            case "an editor's lock link":
                File.CreateSymbolicLink(web[".#plugin.html"], "root@host.4242:1767225600");
                break;
            case "a named pipe":
                Process.Start("mkfifo", [web["events.fifo"]]).WaitForExit();
                break;
            case "a link loop":
                Directory.CreateSymbolicLink(web["loop"], web.Path);
                break;
            default:
                output = web["site"];
                break;
        }

        Func<BuildRequest, BuildRequest> options = r => r with { TemplatesDir = web.Path, OutputDir = output };
        var cold = Cold(catalog, options);

        Assert.Equal(ExitCodes.Success, Build(catalog, options).ExitCode);
        Assert.Equal(ExitCodes.Success, Build(catalog, options).ExitCode);
        Assert.Equal(cold, SiteSnapshot.Of(output));
    }

    [Theory]
    [InlineData("plugin.html")]
    [InlineData("assets/extra.fifo")]
    [InlineData("assets/deeper/extra.fifo")]
    public void A_template_or_asset_that_is_a_named_pipe_is_bad_usage_naming_it(string name)
    {
        using var catalog = BuildCacheTests.ThreePlugins();
        using var web = new TempDir();
        Directory.CreateDirectory(web["assets/deeper"]);
        // A link back up in the assets is not entered, so the build gets to the named pipe.
        Directory.CreateSymbolicLink(web["assets/up"], web.Path);
        Process.Start("mkfifo", [web[name]]).WaitForExit();

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--templates", web.Path);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Equal($"mirror: {web[name]}: cannot be read from --templates (is a named pipe (FIFO), not a regular file)\n", result.Stderr);
        Assert.False(Directory.Exists(catalog.SiteDir));
    }

    [Theory]
    [InlineData("a dangling link", "assets/gone.css", "no such file (No such file or directory)")]
    [InlineData("a folder", "plugin.html", "is a folder, not a regular file")]
    [InlineData("too large", "assets/huge.bin", "holds more than 67,108,864 bytes, more than it may")]
    public void A_template_or_asset_that_cannot_be_read_is_bad_usage_and_keeps_the_previous_site(string what, string name, string why)
    {
        using var catalog = BuildCacheTests.ThreePlugins();
        Assert.Equal(ExitCodes.Success, MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir).Code);
        var before = SiteSnapshot.Of(catalog.SiteDir);
        using var web = new TempDir();
        Directory.CreateDirectory(web["assets"]);
        switch (what)
        {
            case "a dangling link":
                File.CreateSymbolicLink(web[name], web["nowhere.css"]);
                break;
            case "a folder":
                Directory.CreateDirectory(web[name]);
                break;
            default:
                using (var sparse = File.Create(web[name]))
                    sparse.SetLength((64 << 20) + 1);
                break;
        }

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir, "--templates", web.Path);

        Assert.Equal((ExitCodes.BadUsage, $"mirror: {web[name]}: cannot be read from --templates ({why})\n"), (result.Code, result.Stderr));
        Assert.Equal(before, SiteSnapshot.Of(catalog.SiteDir));
    }
}
