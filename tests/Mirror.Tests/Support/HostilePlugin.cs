using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirror.Tests.Support;

/// <summary>A validly signed plugin whose every text field and URL carries a script payload.</summary>
internal static class HostilePlugin
{
    public const string Id = "com.example.hostile";

    /// <summary>Each payload runs <c>alert</c> if a page fails to escape or sanitize it.</summary>
    public static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "'><svg onload=alert(3)>",
        "javascript:alert(4)",
    ];

    public const string Readme = """
        # Read me <script>alert(5)</script>

        <img src=x onerror=alert(6)>

        [click](javascript:alert(7)) [also](JaVaScRiPt:alert(8)) [data](data:text/html,<script>alert(9)</script>)
        <javascript:alert(10)> ![remote](https://tracker.example.com/pixel.png) [fine](https://example.com/docs)
        [mail](mailto:admin@example.com) [relative](docs/setup.md)
        """;

    public static byte[] Bundle(string version = "1.0.0")
    {
        var payload = string.Join(" ", Payloads);
        var manifest = new JsonObject
        {
            ["id"] = Id,
            ["name"] = "<script>alert(1)</script>",
            ["description"] = payload,
            ["version"] = version,
            ["homepage_url"] = "javascript:alert(11)",
            ["support_url"] = "https://example.com/\"><script>alert(12)</script>",
            ["release_notes_url"] = "JAVASCRIPT:alert(13)",
            ["icon_path"] = "icon.svg",
            ["settings_schema"] = new JsonObject
            {
                ["header"] = payload,
                ["footer"] = payload,
                ["settings"] = new JsonArray(new JsonObject
                {
                    ["key"] = "<script>alert(14)</script>",
                    ["display_name"] = payload,
                    ["type"] = "text",
                    ["help_text"] = payload,
                    ["default"] = payload,
                }),
            },
        };
        return new TarGz()
            .Folder($"{Id}/")
            .File($"{Id}/plugin.json", manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }))
            .File($"{Id}/README.md", Readme)
            .File($"{Id}/icon.svg", """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><script>alert(15)</script><rect width="8" height="8"/></svg>""")
            .Build();
    }
}
