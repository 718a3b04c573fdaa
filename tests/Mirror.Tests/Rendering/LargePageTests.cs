using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Rendering;

/// <summary>Pages are whole whatever their size (Scriban cut every page at 1 MiB: plugins vanished from the catalog).</summary>
public sealed class LargePageTests
{
    [Fact]
    public void Pages_larger_than_a_mebibyte_are_written_whole()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        var description = new string('d', 700_000);
        foreach (var name in new[] { "a", "b", "c" })
        {
            var manifest = new JsonObject { ["id"] = $"com.example.{name}", ["name"] = $"Plugin {name.ToUpperInvariant()}", ["version"] = "1.0.0", ["description"] = description };
            catalog.Add($"{name}.tar.gz", new TarGz().File("plugin.json", manifest.ToJsonString()).Build(), b => SharedKeys.Trusted.Sign(b));
        }

        var settings = new JsonArray([.. Enumerable.Range(0, 5000).Select(i => (JsonNode)new JsonObject
        {
            ["key"] = $"Setting{i}", ["display_name"] = $"Setting number {i}", ["type"] = "text", ["help_text"] = new string('h', 80),
        })]);
        var many = TarGz.Plugin("com.example.settings", "1.0.0", extraJson: $", \"settings_schema\": {{\"settings\": {settings.ToJsonString()}}}");
        catalog.Add("settings.tar.gz", many.Build(), b => SharedKeys.Trusted.Sign(b));

        var result = catalog.Build();
        Assert.True(result.ExitCode == ExitCodes.Success, string.Join("; ", result.Bundles.Select(b => b.Reason)));

        var index = File.ReadAllText(Path.Combine(catalog.SiteDir, "index.html"));
        var version = File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins/com.example.settings/1.0.0/index.html"));
        Assert.True(index.Length > 1 << 20 || version.Length > 1 << 20, "the test needs a page above 1 MiB");
        Assert.Contains("Plugin A", index);
        Assert.Contains("Plugin C", index);
        Assert.EndsWith("</html>\n", index);
        Assert.Contains("Setting number 4999", version);
        Assert.EndsWith("</html>\n", version);
        Assert.Contains(description, File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins/com.example.c/index.html")));
    }
}
