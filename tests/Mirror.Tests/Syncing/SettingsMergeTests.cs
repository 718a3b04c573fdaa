using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mirror.Core;
using Mirror.Core.Settings;
using Mirror.Core.Syncing;
using Mirror.Tests.Support;

namespace Mirror.Tests.Syncing;

/// <summary>
/// The merge's edit of mirror.json, byte for byte: read as build reads it (comments, trailing commas, a byte order
/// mark), the upstream's fields added before the closing braces, and every byte already there kept.
/// </summary>
public sealed class SettingsMergeTests
{
    private static readonly WantedBundle[] Kept =
    [
        new("com.acme.a", "1.0.0", null, "https://upstream.example/a.tar.gz", [], new UpstreamFields("community", null, true, null, null)),
        new("com.acme.b", "2.0.0", null, "https://upstream.example/b.tar.gz", [], new UpstreamFields(null, null, null, null, "b")),
    ];

    /// <summary>The file after the merge, which build must read.</summary>
    private static string Merge(string? before)
    {
        using var catalog = new TempDir();
        if (before is not null)
            File.WriteAllText(catalog["mirror.json"], before);
        Assert.Empty(SettingsMerge.Record(catalog.Path, Kept));
        _ = SettingsFile.Load(catalog.Path);
        return File.ReadAllText(catalog["mirror.json"]);
    }

    [Fact]
    public void Without_a_file_one_is_written_a_line_per_plugin()
    {
        Assert.Equal("""
            {
              "plugins": {
                "com.acme.a": {"author_type": "community", "enterprise": true},
                "com.acme.b": {"repo_name": "b"}
              }
            }

            """, Merge(null));
    }

    [Fact]
    public void Comments_trailing_commas_and_the_admins_layout_are_kept()
    {
        const string Before = """
            // Acme's mirror.
            {
                "title": "Acme", // on every page
                "plugins": {
                    /* ours, not the upstream's */
                    "com.acme.a": {
                        "release_stage": "beta", // until 1.0
                    },
                },
                // "targets": ["10.5.0"],
            }

            """;

        Assert.Equal("""
            // Acme's mirror.
            {
                "title": "Acme", // on every page
                "plugins": {
                    /* ours, not the upstream's */
                    "com.acme.a": {
                        "release_stage": "beta", // until 1.0
                        "author_type": "community",
                        "enterprise": true
                    },
                    "com.acme.b": {"repo_name": "b"}
                },
                // "targets": ["10.5.0"],
            }

            """, Merge(Before));
    }

    [Fact]
    public void A_comma_is_added_after_a_last_value_that_has_none_before_its_comment()
    {
        const string Before = "{\n  \"plugins\": {\n    \"com.acme.a\": {\"author_type\": \"partner\"} // theirs\n  } /* end */\n}\n";

        Assert.Equal(
            "{\n  \"plugins\": {\n    \"com.acme.a\": {\"author_type\": \"partner\", \"enterprise\": true}, // theirs\n    \"com.acme.b\": {\"repo_name\": \"b\"}\n  } /* end */\n}\n",
            Merge(Before));
    }

    [Theory]
    [InlineData("{}", """{"plugins": {"com.acme.a": {"author_type": "community", "enterprise": true}, "com.acme.b": {"repo_name": "b"}}}""")]
    [InlineData("""{"title": "T", /* c */ "plugins": {"COM.ACME.A": {"enterprise": false,},},}""",
        """{"title": "T", /* c */ "plugins": {"COM.ACME.A": {"enterprise": false, "author_type": "community"}, "com.acme.b": {"repo_name": "b"}},}""")]
    public void Objects_on_one_line_stay_on_one_line(string before, string expected)
    {
        using var catalog = new TempDir();
        File.WriteAllText(catalog["mirror.json"], before);
        SettingsMerge.Record(catalog.Path, Kept);
        Assert.Equal(expected, File.ReadAllText(catalog["mirror.json"]));
        Assert.Equal("community", SettingsFile.Load(catalog.Path).Plugins["com.acme.a"].AuthorType);
    }

    [Fact]
    public void Windows_line_ends_and_a_byte_order_mark_are_kept()
    {
        using var catalog = new TempDir();
        File.WriteAllBytes(catalog["mirror.json"], [0xEF, 0xBB, 0xBF, .. "{\r\n  // none yet\r\n}\r\n"u8]);

        SettingsMerge.Record(catalog.Path, Kept);

        Assert.Equal(
            [0xEF, 0xBB, 0xBF, .. "{\r\n  // none yet\r\n  \"plugins\": {\r\n    \"com.acme.a\": {\"author_type\": \"community\", \"enterprise\": true},\r\n    \"com.acme.b\": {\"repo_name\": \"b\"}\r\n  }\r\n}\r\n"u8],
            File.ReadAllBytes(catalog["mirror.json"]));
    }

    /// <summary>
    /// A <c>//</c> comment ends at CR, LF or CRLF, as System.Text.Json reads it (U+2028 and U+2029 in one are refused):
    /// a comment ended by a lone CR must be seen to end there, commas after it counted and new lines ended as the file's.
    /// </summary>
    [Theory]
    [InlineData( // CR only, a comment before the closing braces: new lines end with CR too.
        "{\r  \"plugins\": {\r    \"com.acme.a\": {\r      \"author_type\": \"partner\" // theirs\r    }\r  }\r}\r",
        "{\r  \"plugins\": {\r    \"com.acme.a\": {\r      \"author_type\": \"partner\", // theirs\r      \"enterprise\": true\r    },\r    \"com.acme.b\": {\"repo_name\": \"b\"}\r  }\r}\r")]
    [InlineData( // CR only, a comment before a trailing comma already there: no second comma.
        "{\"plugins\":{\"com.acme.a\":{\"author_type\":\"partner\" // c\r,\r}}}",
        "{\"plugins\":{\"com.acme.a\":{\"author_type\":\"partner\" // c\r,\r  \"enterprise\": true\r}, \"com.acme.b\": {\"repo_name\": \"b\"}}}")]
    [InlineData( // Block comments holding a comma, a // and a CR are no trailing comma.
        "{\r  \"plugins\": {\r    \"com.acme.a\": {\"author_type\": \"partner\" /* no, not ours // x\r */}\r  } /* end\r */\r}\r",
        "{\r  \"plugins\": {\r    \"com.acme.a\": {\"author_type\": \"partner\", /* no, not ours // x\r */ \"enterprise\": true},\r    \"com.acme.b\": {\"repo_name\": \"b\"}\r  } /* end\r */\r}\r")]
    [InlineData( // Mixed: a comment ended by CR before a trailing comma on a line ended by LF; new lines end with CRLF, which the file has.
        "{\n  \"title\": \"T\", // LF\n  \"plugins\": {\r\n    \"com.acme.a\": {\"author_type\": \"partner\"} // CR\r    , // LF\n  } // CRLF\r\n}\n",
        "{\n  \"title\": \"T\", // LF\n  \"plugins\": {\r\n    \"com.acme.a\": {\"author_type\": \"partner\", \"enterprise\": true} // CR\r    , // LF\n    \"com.acme.b\": {\"repo_name\": \"b\"}\r\n  } // CRLF\r\n}\n")]
    [InlineData( // Mixed CR and LF without CRLF: new lines end with LF.
        "{\r  \"plugins\": { // CR\r    \"com.acme.a\": {\"author_type\": \"partner\"}, // LF\n  }\r}",
        "{\r  \"plugins\": { // CR\r    \"com.acme.a\": {\"author_type\": \"partner\", \"enterprise\": true}, // LF\n    \"com.acme.b\": {\"repo_name\": \"b\"}\n  }\r}")]
    public void Comments_ended_by_any_line_end_the_reader_knows_are_kept_and_the_file_still_reads(string before, string expected)
    {
        using var catalog = new TempDir();
        File.WriteAllBytes(catalog["mirror.json"], Encoding.UTF8.GetBytes(before));
        _ = SettingsFile.Load(catalog.Path);

        Assert.Empty(SettingsMerge.Record(catalog.Path, Kept));

        Assert.Equal(Encoding.UTF8.GetBytes(expected), File.ReadAllBytes(catalog["mirror.json"]));
        var after = SettingsFile.Load(catalog.Path);
        Assert.Equal(new ListingFields("partner", "production", true, "", ""), after.Plugins["com.acme.a"]);
        Assert.Equal("b", after.Plugins["com.acme.b"].RepoName);
    }

    /// <summary>An edit whose result the text's own rules would refuse (here too deep) is never handed out.</summary>
    [Fact]
    public void An_edit_that_would_not_read_back_is_refused()
    {
        var edit = new JsonTextEdit("{\"a\": {}}"u8.ToArray(), new JsonReaderOptions { MaxDepth = 2 });
        edit.Add(edit.Root.Members["a"]!, [new("b", new JsonObject { ["c"] = 1 })]);

        var e = Assert.Throws<JsonException>(edit.ToBytes);

        Assert.StartsWith("the edited text is not valid JSON (", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_already_says_everything_is_not_written()
    {
        using var catalog = new TempDir();
        const string Settings = """
            {"plugins": {"com.acme.a": {"author_type": "partner", "enterprise": false}, "com.acme.b": {"repo_name": "ours"}}} // done

            """;
        File.WriteAllText(catalog["mirror.json"], Settings);
        var before = File.GetLastWriteTimeUtc(catalog["mirror.json"]);
        File.SetLastWriteTimeUtc(catalog["mirror.json"], before.AddDays(-1));

        SettingsMerge.Record(catalog.Path, Kept);

        Assert.Equal(Settings, File.ReadAllText(catalog["mirror.json"]));
        Assert.Equal(before.AddDays(-1), File.GetLastWriteTimeUtc(catalog["mirror.json"]));
    }

    [Fact]
    public void A_file_made_invalid_during_the_sync_stops_the_merge_naming_it_and_is_left_as_it_is()
    {
        using var catalog = new TempDir();
        const string Broken = "{\"title\": \"Acme\" \"plugins\": {}}";
        File.WriteAllText(catalog["mirror.json"], Broken);

        var e = Assert.Throws<MirrorException>(() => SettingsMerge.Record(catalog.Path, Kept));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.StartsWith("mirror.json: not valid JSON ('\"' is invalid after a value.", e.Message, StringComparison.Ordinal);
        Assert.Equal(Broken, File.ReadAllText(catalog["mirror.json"]));
        Assert.Equal(["mirror.json"], Directory.EnumerateFileSystemEntries(catalog.Path).Select(Path.GetFileName));
    }
}
