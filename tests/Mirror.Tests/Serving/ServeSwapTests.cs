using System.Collections.Concurrent;
using System.Net;
using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Tests.Support;

namespace Mirror.Tests.Serving;

/// <summary>
/// <c>mirror build</c> publishing new sites into the folder <c>mirror serve</c> serves, while requests run: every
/// answer is whole and from one build (byte-equal to build A's or build B's own file), none fails, and the server
/// ends on the last build.
/// </summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class ServeSwapTests
{
    private const int Builds = 6;

    [Fact]
    public async Task New_builds_swapped_in_while_requests_run_drop_nothing_and_mix_nothing()
    {
        using var temp = new TempDir();
        var port = LocalServer.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}/";
        using var a = Catalog("Build A", "com.example.common");
        using var b = Catalog("Build B", "com.example.common", "com.example.only-in-b");
        Assert.Equal(ExitCodes.Success, Build(a, a.SiteDir, baseUrl));
        Assert.Equal(ExitCodes.Success, Build(b, b.SiteDir, baseUrl));
        var served = temp["site"];
        Assert.Equal(ExitCodes.Success, Build(a, served, baseUrl));
        var resources = new (string Path, string File)[]
        {
            ("api/v1/plugins?enterprise_plugins=true&return_all_versions=false", "|100||"),
            ("api/v1/plugins?enterprise_plugins=true&plugin_id=com.example.common&return_all_versions=true", "com.example.common|101||"),
            ("index.html", "index.html"),
            ("plugins/com.example.common/", "plugins/com.example.common/index.html"),
            ("bundles/com.example.common/com.example.common-1.0.0.tar.gz", "bundles/com.example.common/com.example.common-1.0.0.tar.gz"),
        };
        // An API resource's file is "id|route key" (see StaticAnswers), the others a site path.
        byte[] Read(string site, string file) => file.Contains('|', StringComparison.Ordinal)
            ? StaticAnswers.For(site, file[..file.IndexOf('|', StringComparison.Ordinal)], file[(file.IndexOf('|', StringComparison.Ordinal) + 1)..])
            : File.ReadAllBytes(Path.Combine(site, file));
        var expected = resources.ToDictionary(r => r.Path, r => (A: Read(a.SiteDir, r.File), B: Read(b.SiteDir, r.File)));
        foreach (var differing in resources.Where((_, i) => i is 0 or 2 or 3))
            Assert.NotEqual(expected[differing.Path].A, expected[differing.Path].B);

        using var server = new ServeProcess(served, port);
        var failures = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(client => Task.Run(async () =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested)
            {
                var (path, _) = resources[(client + count++) % resources.Length];
                try
                {
                    using var response = await server.Http.GetAsync(server.Url + path);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    var which = body.AsSpan().SequenceEqual(expected[path].A) ? "A" : body.AsSpan().SequenceEqual(expected[path].B) ? "B" : null;
                    if (response.StatusCode != HttpStatusCode.OK || which is null)
                        failures.Enqueue($"{path}: {(int)response.StatusCode}, {body.Length} bytes from neither build");
                    else
                        seen.AddOrUpdate($"{path} {which}", 1, (_, n) => n + 1);
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"{path}: {e.Message}");
                }
            }
        })).ToList();

        for (var build = 1; build <= Builds; build++)
            Assert.Equal(ExitCodes.Success, Build(build % 2 == 1 ? b : a, served, baseUrl));
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.Contains(seen.Keys, k => k.EndsWith(" B", StringComparison.Ordinal));
        var last = await server.Http.GetByteArrayAsync(server.Url + resources[0].Path);
        Assert.Equal(expected[resources[0].Path].A, last);
        Assert.Contains($"mirror: switched to the new build in {served} (1 plugin(s), 1 version(s))", server.Stderr, StringComparison.Ordinal);
        Assert.Contains($"mirror: switched to the new build in {served} (2 plugin(s), 2 version(s))", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_build_that_cannot_be_read_is_reported_and_the_previous_one_stays_served()
    {
        using var temp = new TempDir();
        var port = LocalServer.FreePort();
        using var a = Catalog("Build A", "com.example.common");
        var served = temp["site"];
        Assert.Equal(ExitCodes.Success, Build(a, served, $"http://127.0.0.1:{port}/"));
        using var server = new ServeProcess(served, port);
        var before = await server.Http.GetByteArrayAsync(server.Url + "api/v1/plugins");

        // A damaged build put in place by hand: the folder's identity changes, its plugins.json is no JSON.
        TempDir.CopyTree(served, temp["damaged"]);
        File.WriteAllText(Path.Combine(temp["damaged"], "plugins.json"), "[");
        Directory.Move(served, temp["previous"]);
        Directory.Move(temp["damaged"], served);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!server.Stderr.Contains("cannot be served", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Contains($"mirror: warning: a new build in {served} cannot be served (", server.Stderr, StringComparison.Ordinal);
        Assert.Contains("still serving the previous one", server.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await server.Http.GetByteArrayAsync(server.Url + "api/v1/plugins"));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(temp["previous"], "index.html")), await server.Http.GetByteArrayAsync(server.Url + "index.html"));
    }

    private static TestCatalog Catalog(string title, params string[] ids)
    {
        var catalog = new TestCatalog().Trust(SharedKeys.Trusted).Settings($$"""{"title": "{{title}}"}""");
        foreach (var id in ids)
            catalog.Add($"{id}.tar.gz", TarGz.Plugin(id, "1.0.0", name: id).Build(), bundle => SharedKeys.Trusted.Sign(bundle));
        return catalog;
    }

    private static int Build(TestCatalog catalog, string site, string baseUrl) =>
        SiteBuilder.Build(new BuildRequest(catalog.Dir, site) { BaseUrl = baseUrl }).ExitCode;
}
