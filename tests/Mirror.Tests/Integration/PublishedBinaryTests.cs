using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Tests.Support;

namespace Mirror.Tests.Integration;

/// <summary>
/// <c>mirror</c> as its own process, end to end: the README's main command, the usage, keys and signing. CI runs this
/// class a second time against the published native linux-x64 binary (<c>MIRROR_BINARY</c>), so a build that loses a
/// template, a reflection target or a crypto primitive to trimming cannot land.
/// </summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class PublishedBinaryTests
{
    private const string SamplePlugins = "com.example.audit-export 3.2.1\ncom.example.hello 2.0.0-beta.1 1.1.0 1.0.0\ncom.example.weather 1.0.0 0.9.0\n";

    [Fact]
    public void The_READMEs_main_command_builds_the_sample_into_the_same_bytes_as_the_library()
    {
        using var work = new TempDir();
        TempDir.CopyTree(RepoPaths.SampleCatalog, work["catalog"]);

        var result = MirrorProcess.Run(["build"], workingDirectory: work.Path); // defaults: ./catalog into ./site

        Assert.True(result.ExitCode == ExitCodes.Success, result.Stderr);
        Assert.Equal(SamplePlugins, result.Stdout);
        Assert.EndsWith("mirror: pinned to 10.5.0: http://localhost:8080/mm/10.5.0\n", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, SiteBuilder.Build(new BuildRequest(work["catalog"], work["expected"])).ExitCode);
        var files = Directory.EnumerateFiles(work["expected"], "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(work["expected"], f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.EnumerateFiles(work["site"], "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(work["site"], f)).Order(StringComparer.Ordinal));
        Assert.Contains("index.html", files);
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(work["expected"], file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(work["site"], file))), file);
    }

    [Fact]
    public void A_custom_layout_calling_Scribans_built_in_functions_renders_as_in_process()
    {
        // The native binary keeps only the code it can see being used; Scriban finds its built-ins, the members of what
        // they return and object.to_json's serializer by reflection.
        using var work = new TempDir();
        TempDir.CopyTree(RepoPaths.SampleCatalog, work["catalog"]);
        var layout = File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "layout.html")) +
            "<!-- {{ \"abc\" | string.upcase }} {{ [3,1,2] | array.sort | array.join \",\" }} {{ 3.14159 | math.round 2 }} " +
            "{{ \"a<b>c\" | html.strip }} {{ \"hello\" | regex.replace \"l+\" \"L\" }} {{ {a: 1, b: 2} | object.keys | array.join \",\" }} " +
            "{{ \"2024-01-02\" | date.parse | date.to_string \"%Y\" }} {{ 5 | math.format \"0.00\" }} {{ \"a b\" | string.handleize }} " +
            "{{ 10 | timespan.from_seconds | object.format \"g\" }} {{ {a: [1, \"x\"]} | object.to_json }} {{ (date.parse \"2024-02-29T13:45:10Z\").day_of_year }} " +
            "{{ (timespan.from_days 1.5).total_hours }} {{ object.keys (date.parse \"2024-01-01\") | array.size }} -->\n";
        Directory.CreateDirectory(work["templates"]);
        File.WriteAllText(work["templates/layout.html"], layout);

        var result = MirrorProcess.Run(["build", "catalog", "--templates", "templates", "--quiet"], workingDirectory: work.Path);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Stderr);
        Assert.Contains("<!-- ABC 1,2,3 3.14 ac heLo a,b 2024 5.00 a-b 0:00:10 {&quot;a&quot;:[1,&quot;x&quot;]} 60 36 15 -->", File.ReadAllText(work["site/index.html"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_help_and_a_typo_read_as_in_process()
    {
        Assert.Equal(new Tool.Result(0, File.ReadAllText(GoldenFile("usage")), ""), MirrorProcess.Run([]));
        Assert.Equal(new Tool.Result(0, File.ReadAllText(GoldenFile("help-build")), ""), MirrorProcess.Run(["help", "build"]));
        Assert.Equal(new Tool.Result(ExitCodes.BadUsage, "", "mirror: unknown command 'biuld'; did you mean 'build'?\nRun `mirror help` for usage.\n"),
            MirrorProcess.Run(["biuld"]));
    }

    [Fact]
    public void Init_keys_sign_verify_and_build_a_catalog_of_ones_own()
    {
        using var work = new TempDir();
        Assert.Equal(0, MirrorProcess.Run(["init", "acme"], workingDirectory: work.Path).ExitCode);
        var generated = MirrorProcess.Run(["keys", "generate", "--name", "Acme", "--email", "a@example.com", "--output", "key", "--bits", "3072"], workingDirectory: work.Path);
        Assert.True(generated.ExitCode == 0, generated.Stderr);
        Assert.Equal(0, MirrorProcess.Run(["keys", "add", "key/public-key.asc", "acme"], workingDirectory: work.Path).ExitCode);
        File.WriteAllBytes(work["acme/plugins/com.acme.x-1.0.0.tar.gz"], TarGz.Plugin("com.acme.x", "1.0.0").Build());
        var signed = MirrorProcess.Run(["sign", "acme/plugins/com.acme.x-1.0.0.tar.gz", "--key", "key/private-key.asc"], workingDirectory: work.Path);
        Assert.True(signed.ExitCode == 0, signed.Stderr);

        var verified = MirrorProcess.Run(["verify", "acme", "--json"], workingDirectory: work.Path);
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains($"\"signer\": \"{generated.Stdout.Trim()}\"", verified.Stdout);
        Assert.Equal(new Tool.Result(0, "", ""), MirrorProcess.Run(["build", "acme", "--quiet"], workingDirectory: work.Path));
        Assert.True(File.Exists(work["site/plugins/com.acme.x/1.0.0/index.html"]));
    }

    [Fact]
    public async Task Serve_answers_what_Mattermost_asks_and_sync_carries_the_site_across()
    {
        using var work = new TempDir();
        TempDir.CopyTree(RepoPaths.SampleCatalog, work["catalog"]);
        var port = LocalServer.FreePort();
        var built = MirrorProcess.Run(["build", "catalog", "--output", "site", "--base-url", $"http://127.0.0.1:{port}/"], workingDirectory: work.Path);
        Assert.True(built.ExitCode == ExitCodes.Success, built.Stderr);

        using (var server = new ServeProcess(work["site"], port))
        {
            var answer = await server.Http.GetStringAsync($"{server.Url}api/v1/plugins?plugin_id=com.example.hello&server_version=9.11.0");
            Assert.Contains("\"version\": \"1.0.0\"", answer);
            Assert.DoesNotContain("2.0.0-beta.1", answer);
            var synced = MirrorProcess.Run(["sync", "--from", $"http://127.0.0.1:{port}", "--to", "synced", "--all-versions", "--keys", "catalog/keys"], workingDirectory: work.Path);
            Assert.True(synced.ExitCode == ExitCodes.Success, synced.Stderr);
            Assert.Equal(0, server.Stop());
        }

        Assert.Equal(6, Directory.EnumerateFiles(work["synced"], "*.tar.gz", SearchOption.AllDirectories).Count());
        Assert.Equal(0, MirrorProcess.Run(["verify", "synced"], workingDirectory: work.Path).ExitCode);
    }

    private static string GoldenFile(string name) => Path.Combine(RepoPaths.Root, "tests", "Mirror.Tests", "Pipeline", $"{name}.verified.txt");
}
