using Mirror.Core;
using Mirror.Tests.Support;
using Xunit.Abstractions;

namespace Mirror.Tests.Rendering;

/// <summary>
/// The static routing grows with the plugin versions, not with the product of the query parameters: answer files and
/// config sizes for N and 2N plugins of 5 versions each. <c>MIRROR_SIZING_PLUGINS=1000</c> measures the README's
/// figures (1,000 plugins of 5 versions) with the same catalog shape.
/// </summary>
public sealed class RoutingSizeTests(ITestOutputHelper output)
{
    /// <summary>Mattermost releases a catalog's min_server_version values realistically come from.</summary>
    private static readonly string[] Releases =
    [
        "5.12.0", "5.20.0", "5.24.0", "5.26.0", "5.30.0", "5.37.0", "6.0.0", "6.3.0", "6.5.0", "7.0.0", "7.1.0", "7.5.0", "7.8.0",
        "8.0.0", "8.1.0", "9.0.0", "9.3.0", "9.5.0", "9.8.0", "9.11.0", "10.0.0", "10.2.0", "10.5.0", "10.8.0", "10.11.0",
    ];

    private sealed record Sizes(int Bundles, int AnswerFiles, long AnswerBytes, long NginxBytes, int HtaccessFiles, long HtaccessBytes);

    private static Sizes Measure(int plugins)
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Stranger);
        var random = new Random(plugins);
        var settings = new List<string>();
        var bundles = 0;
        for (var p = 0; p < plugins; p++)
        {
            var id = $"com.example.p{p:D4}";
            if (p % 10 == 3)
                settings.Add($"\"{id}\": {{\"enterprise\": true}}");
            else if (p % 20 == 7)
                settings.Add($"\"{id}\": {{\"hosting\": \"on-prem\"}}");
            var release = random.Next(Releases.Length - 5);
            for (var v = 1; v <= 5; v++)
            {
                release += random.Next(2);
                var minimum = Releases[release];
                catalog.Add($"{id}-{v}.tar.gz", TarGz.ServerPlugin(id, $"{v}.0.0", ["linux-amd64", "darwin-amd64"], minimum, $"Plugin {p}").Build(), Sign);
                bundles++;
                if (v == 5 && p % 5 == 0)
                {
                    foreach (var platform in new[] { "linux-amd64", "linux-arm64" })
                    {
                        catalog.Add($"{id}-{v}-{platform}.tar.gz", TarGz.ServerPlugin(id, $"{v}.0.0", [platform], minimum, $"Plugin {p}").Build(), Sign);
                        bundles++;
                    }
                }
            }
        }

        catalog.Settings($"{{\"plugins\": {{{string.Join(", ", settings)}}}}}");
        Assert.Equal(ExitCodes.Success, catalog.Build(baseUrl: "https://mirror.example.com/").ExitCode);
        var answers = Directory.GetFiles(Path.Combine(catalog.SiteDir, "api/v1/answers"));
        var htaccess = Directory.GetFiles(catalog.SiteDir, ".htaccess", SearchOption.AllDirectories);
        return new Sizes(bundles, answers.Length, answers.Sum(f => new FileInfo(f).Length),
            new FileInfo(Path.Combine(catalog.SiteDir, "nginx/mirror.conf")).Length, htaccess.Length, htaccess.Sum(f => new FileInfo(f).Length));
    }

    private static byte[] Sign(byte[] bundle) => SharedKeys.Stranger.Sign(bundle);

    [Fact]
    public void Files_and_configs_grow_about_linearly_with_the_plugin_versions()
    {
        var plugins = int.TryParse(Environment.GetEnvironmentVariable("MIRROR_SIZING_PLUGINS"), out var n) ? n : 40;
        var small = Measure(plugins / 2);
        var large = Measure(plugins);
        output.WriteLine($"{plugins / 2} plugins: {small}");
        output.WriteLine($"{plugins} plugins: {large}");

        Assert.InRange((double)large.AnswerFiles / small.AnswerFiles, 1.2, 2.6);
        Assert.InRange((double)large.NginxBytes / small.NginxBytes, 1.2, 2.6);
        Assert.InRange((double)large.HtaccessBytes / small.HtaccessBytes, 1.2, 2.6);
        Assert.Equal(plugins + 2, large.HtaccessFiles);
    }
}
