using System.Formats.Tar;
using System.Text.Json.Nodes;
using Mirror.Core.Bundles;
using Mirror.Tests.Support;

namespace Mirror.Tests.Bundles;

/// <summary>Bundles are read as Mattermost reads them: the three manifest formats, the plugin root, and every archive it would mis-extract refused.</summary>
public sealed class BundleContentTests
{
    private static Core.Verification.CheckedBundle BuildOne(byte[] bundle)
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("plugin.tar.gz", bundle, b => SharedKeys.Trusted.Sign(b));
        return Assert.Single(catalog.Build().Bundles);
    }

    private static void AssertRefused(byte[] bundle, string code, string reason)
    {
        var result = BuildOne(bundle);
        Assert.Equal(code, result.ReasonCode);
        Assert.Equal("plugin.tar.gz: " + reason, result.Reason);
    }

    [Theory]
    [InlineData("plugin.json", """{"id": "Com.Example.Formats", "name": "Formats", "version": "1.2.3", "min_server_version": "9.0.0", "x_custom": {"keep": [1, 2]}}""")]
    [InlineData("plugin.yaml", "id: Com.Example.Formats\nname: Formats\nversion: 1.2.3\nmin_server_version: 9.0.0\nx_custom:\n  keep: [1, 2]\n")]
    [InlineData("plugin.yml", "id: Com.Example.Formats\nname: Formats\nversion: 1.2.3\nmin_server_version: 9.0.0\nx_custom: {keep: [1, 2]}\n")]
    public void Each_manifest_format_publishes_with_every_key_kept_and_the_id_lower_cased(string fileName, string manifest)
    {
        var bundle = BuildOne(new TarGz().Folder("formats/").File($"formats/{fileName}", manifest).Build());
        Assert.True(bundle.IsPublished, bundle.Reason);
        var raw = bundle.Info!.Manifest.Json();
        Assert.Equal("com.example.formats", bundle.Id);
        Assert.Equal("com.example.formats", raw["id"]!.GetValue<string>());
        Assert.Equal("1.2.3", raw["version"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"keep": [1, 2]}"""), raw["x_custom"]));
        Assert.Equal(fileName, bundle.Info.Manifest.SourceFile);
    }

    [Fact]
    public void A_gzip_of_several_members_is_read_as_mattermost_reads_it()
    {
        var tar = TarGz.Plugin("com.example.members", "1.0.0").File("com.example.members/big.bin", new byte[20_000]).BuildTar();
        byte[] bundle = [.. TarGz.Gzip(tar[..5000]), .. TarGz.Gzip(tar[5000..12000]), .. TarGz.Gzip(tar[12000..])];

        var result = BuildOne(bundle);

        Assert.True(result.IsPublished, result.Reason);
    }

    [Fact]
    public void Data_after_the_last_gzip_member_is_refused_even_when_it_forges_the_unpacked_size()
    {
        var good = TarGz.Plugin("com.example.forged", "1.0.0").Build();
        AssertRefused([.. good, .. "SMUGGLED"u8, .. good[^4..]], BundleRefusalCodes.DamagedArchive, "damaged archive: data after the last gzip member");
    }

    /// <summary>.NET's gunzip words every damage "an unsupported compression method", and says nothing of a file cut short.</summary>
    [Theory]
    [InlineData("crc", "damaged archive: the gzip data is corrupt (it does not decompress, or fails its CRC check)")]
    [InlineData("middle", "damaged archive: the gzip data is corrupt (it does not decompress, or fails its CRC check)")]
    [InlineData("half", "damaged archive: the file ends in the middle of its gzip data (truncated)")]
    [InlineData("no-size", "damaged archive: the file ends in the middle of its gzip data (truncated)")]
    [InlineData("last-byte", "damaged archive: the file ends in the middle of its gzip data (truncated)")]
    [InlineData("tar-cut", "damaged archive: the tar data ends in the middle of an entry (truncated)")]
    [InlineData("empty", "damaged archive: the gzip data is empty, with no tar archive in it")]
    public void Damaged_or_truncated_gzip_data_is_refused_saying_which(string damage, string reason)
    {
        var noise = new byte[20_000];
        new Random(1).NextBytes(noise);
        var tar = TarGz.Plugin("com.example.damaged", "1.0.0").File("com.example.damaged/noise.bin", noise).BuildTar();
        var good = TarGz.Gzip(tar);
        var bundle = damage switch
        {
            "crc" => Flipped(good, good.Length - 8),
            "middle" => Flipped(good, good.Length / 2),
            "half" => good[..(good.Length / 2)],
            "no-size" => good[..^4],
            "last-byte" => good[..^1],
            // What `gzip < /dev/null` writes: a whole member of no data (.NET's GZipStream writes nothing at all).
            "empty" => [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            // A whole gzip member of a tar that stops inside the noise file's data.
            _ => TarGz.Gzip(tar[..(tar.Length / 2)]),
        };

        AssertRefused(bundle, BundleRefusalCodes.DamagedArchive, reason);

        static byte[] Flipped(byte[] bytes, int at)
        {
            var copy = (byte[])bytes.Clone();
            copy[at] ^= 0x01;
            return copy;
        }
    }

    [Fact]
    public void A_gzip_cut_short_inside_its_last_deflate_block_is_truncated_not_data_after_the_tar()
    {
        var good = TarGz.Plugin("com.example.cut", "1.0.0").Build();
        // The trailer is 8 bytes: 9 to 20 cut into the deflate data that holds the tar's end-of-archive marker.
        for (var cut = 9; cut <= 20; cut++)
            AssertRefused(good[..^cut], BundleRefusalCodes.DamagedArchive, "damaged archive: the file ends in the middle of its gzip data (truncated)");
    }

    [Fact]
    public void A_tar_header_that_fails_its_checksum_is_refused_saying_so()
    {
        var tar = TarGz.Plugin("abc", "1.0.0").BuildTar();
        tar[10] ^= 0x01;
        AssertRefused(TarGz.Gzip(tar), BundleRefusalCodes.DamagedArchive, "damaged archive: a tar header that fails its checksum");
    }

    [Theory]
    [InlineData("5 a=b\n", "damaged archive: a PAX extended header whose records are malformed (each must be \"LENGTH key=value\" and a newline, LENGTH its bytes)")]
    [InlineData("6 a=b\n7 no equals\n", "damaged archive: a PAX extended header whose records are malformed (each must be \"LENGTH key=value\" and a newline, LENGTH its bytes)")]
    [InlineData("15 comment=a\nb\n", "a PAX record \"comment\" whose value holds a newline, which tar readers split differently")]
    public void Bad_pax_records_are_refused_saying_what_is_wrong(string records, string reason)
    {
        var data = System.Text.Encoding.ASCII.GetBytes(records);
        var padded = new byte[(data.Length + 511) / 512 * 512];
        data.CopyTo(padded, 0);
        var code = reason.StartsWith("damaged", StringComparison.Ordinal) ? BundleRefusalCodes.DamagedArchive : BundleRefusalCodes.UnsafeEntry;
        AssertRefused(TarGz.Gzip([.. RawTar.Header("PaxHeaders/x", 'x', data.Length), .. padded, .. TarGz.Plugin("abc", "1.0.0").BuildTar()]), code, reason);
    }

    [Theory]
    [InlineData('Z', "tar entry of type 'Z' (unknown)")]
    [InlineData('N', "tar entry of type 'N' (GNU renamed or symlinked)")]
    public void An_entry_of_another_type_is_refused_naming_its_type_letter(char type, string described)
    {
        var tar = TarGz.Plugin("abc", "1.0.0").BuildTar();
        AssertRefused(TarGz.Gzip([.. tar[..^1024], .. RawTar.Header("abc/odd", type, 0), .. new byte[1024]]),
            BundleRefusalCodes.UnsafeEntry, $"entry \"abc/odd\" is a {described}; a bundle may hold only folders and regular files");
    }

    [Fact]
    public void A_manifest_at_the_archive_root_is_found()
    {
        var bundle = BuildOne(new TarGz().File("plugin.json", """{"id": "rootplugin", "name": "Root", "version": "0.1.0"}""").File("README.md", "# Hi").Build());
        Assert.True(bundle.IsPublished, bundle.Reason);
        Assert.Equal("# Hi", bundle.Info!.Readme);
    }

    [Fact]
    public void Yaml_numbers_in_string_keys_stay_strings_and_other_scalars_are_typed()
    {
        var bundle = BuildOne(new TarGz().File("plugin.yml", "id: yamlplugin\nname: 2024\nversion: 1.0.0\nprops:\n  count: 3\n  on: true\n  quoted: '3'\n").Build());
        Assert.True(bundle.IsPublished, bundle.Reason);
        Assert.Equal("""{"count":3,"on":true,"quoted":"3"}""", bundle.Info!.Manifest.Json()["props"]!.ToJsonString());
        Assert.Equal("2024", bundle.Info.Manifest.Name);
    }

    [Fact]
    public void Two_manifest_candidates_are_refused_naming_both()
    {
        var archive = new TarGz().File("p/plugin.json", "{}").File("p/plugin.yml", "id: x").Build();
        AssertRefused(archive, BundleRefusalCodes.SeveralManifests,
            "several manifests in folder \"p\" (plugin.yml, plugin.json); Mattermost reads only plugin.yml, so keep just that one");
    }

    [Fact]
    public void No_manifest_is_refused() =>
        AssertRefused(new TarGz().File("p/readme.txt", "hi").Build(), BundleRefusalCodes.NoManifest,
            "no plugin.json, plugin.yaml or plugin.yml in folder \"p\"");

    [Theory]
    [InlineData("""{"id": "ab", "name": "n", "version": "1.0.0"}""", "plugin.json: id \"ab\" must be 3–190 characters of a-z, A-Z, 0-9, '-', '_' and '.'")]
    [InlineData("""{"id": "a/b/c", "name": "n", "version": "1.0.0"}""", "plugin.json: id \"a/b/c\" must be 3–190 characters of a-z, A-Z, 0-9, '-', '_' and '.'")]
    [InlineData("""{"id": "abc", "name": "n", "version": "v1.0.0"}""", "plugin.json: \"version\" \"v1.0.0\" is not a strict semantic version such as 1.2.3")]
    [InlineData("""{"id": "abc", "name": "n", "version": "1.0"}""", "plugin.json: \"version\" \"1.0\" is not a strict semantic version such as 1.2.3")]
    [InlineData("""{"id": "abc", "name": "n", "version": "1.0.0", "min_server_version": "9"}""", "plugin.json: \"min_server_version\" \"9\" is not a strict semantic version such as 1.2.3")]
    [InlineData("""{"id": "abc", "version": "1.0.0"}""", "plugin.json: \"name\" is missing")]
    [InlineData("""{"id": 12, "name": "n", "version": "1.0.0"}""", "plugin.json: \"id\" must be a string")]
    [InlineData("""{"id": "abc", """, "plugin.json is not valid JSON")]
    [InlineData("""["abc"]""", "plugin.json must hold an object of manifest keys")]
    public void Invalid_manifests_are_refused_naming_the_key(string manifest, string reason)
    {
        var result = BuildOne(new TarGz().File("plugin.json", manifest).Build());
        Assert.Equal(BundleRefusalCodes.InvalidManifest, result.ReasonCode);
        Assert.StartsWith("plugin.tar.gz: " + reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_alias_is_refused_rather_than_expanded()
    {
        var result = BuildOne(new TarGz().File("plugin.yml", "id: abc\nname: &a n\nversion: 1.0.0\nprops: *a\n").Build());
        Assert.Equal(BundleRefusalCodes.InvalidManifest, result.ReasonCode);
        Assert.Contains("anchors (&name) are not allowed", result.Reason);
    }

    [Fact]
    public void A_manifest_that_is_not_utf8_is_refused() =>
        AssertRefused(new TarGz().File("plugin.json", [0x7b, 0xff, 0xfe, 0x7d]).Build(), BundleRefusalCodes.InvalidManifest, "plugin.json is not UTF-8 text");

    [Theory]
    [InlineData("icon_path", "../../etc/passwd.svg")]
    [InlineData("icon_path", "/etc/icon.svg")]
    public void A_path_in_the_manifest_outside_the_plugin_is_refused(string key, string path) =>
        AssertRefused(new TarGz().File("plugin.json", $$"""{"id": "abc", "name": "n", "version": "1.0.0", "{{key}}": "{{path}}"}""").Build(),
            BundleRefusalCodes.UnsafeEntry, $"plugin.json: \"{key}\" \"{path}\" points outside the plugin folder");

    [Fact]
    public void A_webapp_bundle_path_outside_the_plugin_is_refused() =>
        AssertRefused(new TarGz().File("plugin.json", """{"id": "abc", "name": "n", "version": "1.0.0", "webapp": {"bundle_path": "../x.js"}}""").Build(),
            BundleRefusalCodes.UnsafeEntry, "plugin.json: \"webapp.bundle_path\" \"../x.js\" points outside the plugin folder");

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "symbolic link")]
    [InlineData(TarEntryType.HardLink, "hard link")]
    public void Links_anywhere_in_the_archive_are_refused(TarEntryType type, string described) =>
        AssertRefused(TarGz.Plugin("abc", "1.0.0").Link("abc/assets/evil", "/etc/passwd", type).Build(),
            BundleRefusalCodes.UnsafeEntry, $"entry \"abc/assets/evil\" is a {described}; a bundle may hold only folders and regular files");

    [Fact]
    public void A_device_file_is_refused() =>
        AssertRefused(TarGz.Plugin("abc", "1.0.0").Entry(new PaxTarEntry(TarEntryType.CharacterDevice, "abc/null")).Build(),
            BundleRefusalCodes.UnsafeEntry, "entry \"abc/null\" is a device file; a bundle may hold only folders and regular files");

    [Theory]
    [InlineData("abc/../../escape.txt", "entry \"abc/../../escape.txt\" escapes the plugin folder with \"..\"")]
    [InlineData("/etc/cron.d/evil", "entry \"/etc/cron.d/evil\" has an absolute path")]
    public void Entries_that_escape_are_refused(string name, string reason) =>
        AssertRefused(TarGz.Plugin("abc", "1.0.0").File(name, "x").Build(), BundleRefusalCodes.UnsafeEntry, reason);

    [Fact]
    public void The_same_file_twice_is_refused() =>
        AssertRefused(TarGz.Plugin("abc", "1.0.0").File("abc/icon.svg", "<svg/>").Build(), BundleRefusalCodes.UnsafeEntry,
            "entry \"abc/icon.svg\" appears twice in the archive");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_path_that_is_a_file_and_a_folder_is_refused(bool fileFirst)
    {
        var bundle = TarGz.Plugin("abc", "1.0.0");
        if (fileFirst)
            bundle.File("abc/x", "file");
        bundle.Folder("abc/x/").File("abc/x/y", "inside");
        if (!fileFirst)
            bundle.File("abc/x", "file");
        AssertRefused(bundle.Build(), BundleRefusalCodes.UnsafeEntry, "entry \"abc/x\" is a file and also a folder (the folder of \"abc/x/y\"); no extraction can make both");
    }

    [Fact]
    public void A_file_that_is_the_folder_of_another_file_without_a_folder_entry_is_refused() =>
        AssertRefused(TarGz.Plugin("abc", "1.0.0").File("abc/x", "file").File("abc/x/y/z", "deep").Build(),
            BundleRefusalCodes.UnsafeEntry, "entry \"abc/x\" is a file and also a folder (the folder of \"abc/x/y/z\"); no extraction can make both");

    [Fact]
    public void A_file_and_a_folder_entry_of_one_name_are_refused() =>
        AssertRefused(TarGz.Plugin("abc", "1.0.0").Folder("abc/x/").File("abc/x", "file").Build(),
            BundleRefusalCodes.UnsafeEntry, "entry \"abc/x\" is a file and also a folder (a folder entry of that name); no extraction can make both");

    [Fact]
    public void An_empty_file_is_refused() => AssertRefused([], BundleRefusalCodes.DamagedArchive, "empty file");

    [Fact]
    public void A_file_that_is_not_gzip_is_refused() =>
        AssertRefused("not a tarball at all"u8.ToArray(), BundleRefusalCodes.DamagedArchive, "not a gzip file (a bundle is a .tar.gz)");

    [Fact]
    public void A_truncated_archive_is_refused()
    {
        var whole = TarGz.Plugin("abc", "1.0.0").Build();
        var result = BuildOne(whole[..(whole.Length / 2)]);
        Assert.Equal(BundleRefusalCodes.DamagedArchive, result.ReasonCode);
        Assert.StartsWith("plugin.tar.gz: damaged archive:", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_garbage_after_the_gzip_stream_is_refused() =>
        AssertRefused([.. TarGz.Plugin("abc", "1.0.0").Build(), .. "GARBAGE"u8.ToArray()], BundleRefusalCodes.DamagedArchive,
            "damaged archive: data after the last gzip member");

    [Theory]
    [InlineData("""{"id": "abc", "name": "A\ud800", "version": "1.0.0"}""")]
    [InlineData("""{"id": "abc", "name": "A", "version": "1.0.0", "x_kept": {"deep": ["\udc00"]}}""")]
    [InlineData("""{"id": "abc", "name": "A", "version": "1.0.0", "\ud800": 1}""")]
    public void A_json_manifest_escaping_half_a_surrogate_pair_is_refused_as_invalid(string manifest) =>
        AssertRefused(new TarGz().File("plugin.json", manifest).Build(), BundleRefusalCodes.InvalidManifest,
            "plugin.json is not valid text: a string or key escapes half of a UTF-16 surrogate pair, such as \\ud800 alone");

    [Fact]
    public void An_icon_that_is_not_svg_publishes_without_icon_and_warns()
    {
        var bundle = BuildOne(new TarGz().File("plugin.json", """{"id": "abc", "name": "n", "version": "1.0.0", "icon_path": "icon.png"}""").File("icon.png", "PNG").Build());
        Assert.True(bundle.IsPublished);
        Assert.Equal("", bundle.Info!.IconData);
        Assert.Contains("icon: icon_path \"icon.png\" is not an SVG file (Mattermost shows only SVG icons); listed without an icon", bundle.Warnings);
    }

    /// <summary>Markdig refuses Markdown nested past its limits: its parser the quotes and lists, its renderer the emphasis.</summary>
    [Fact]
    public void A_readme_nested_too_deeply_to_render_publishes_the_plugin_without_it_and_warns()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        var readmes = new Dictionary<string, string>
        {
            ["quotes"] = new string('>', 5_000) + " deep",
            ["lists"] = string.Concat(Enumerable.Repeat("- ", 3_000)) + "deep",
            ["emphasis"] = new string('*', 300) + "deep" + new string('*', 300),
        };
        foreach (var (name, readme) in readmes)
            catalog.Add($"{name}.tar.gz", TarGz.Plugin($"com.example.{name}", "1.0.0").File($"com.example.{name}/README.md", readme).Build(), b => SharedKeys.Trusted.Sign(b));
        catalog.Add("fine.tar.gz", TarGz.Plugin("com.example.fine", "1.0.0").File("com.example.fine/README.md", "> > quoted *twice*").Build(), b => SharedKeys.Trusted.Sign(b));

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);

        Assert.Equal(0, result.Code);
        foreach (var name in readmes.Keys)
        {
            Assert.Contains($"  warning {name}.tar.gz: readme: \"README.md\" is Markdown that Markdig refuses to render " +
                "(past its limits on quotes, lists, emphasis or links inside one another, or on long runs of them); the plugin's page leaves it out\n", result.Stderr);
            var page = File.ReadAllText(Path.Combine(catalog.SiteDir, $"plugins/com.example.{name}/index.html"));
            Assert.DoesNotContain("class=\"readme", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("warning fine.tar.gz", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("<blockquote>\n<blockquote>\n<p>quoted <em>twice</em></p>", File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins/com.example.fine/index.html")));
    }

    /// <summary>Markdig's time grows with the square of some Markdown's length: 1 MiB of "[a](" took about ten minutes.</summary>
    [Fact]
    public void A_readme_larger_than_what_is_rendered_as_markdown_publishes_the_plugin_without_it_and_warns()
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        var largest = "# Largest\n" + new string('x', ReadmeMarkdown.MaxBytes - 11) + "\n";
        catalog.Add("largest.tar.gz", TarGz.Plugin("com.example.largest", "1.0.0").File("com.example.largest/README.md", largest).Build(), b => SharedKeys.Trusted.Sign(b));
        catalog.Add("hostile.tar.gz", TarGz.Plugin("com.example.hostile", "1.0.0")
            .File("com.example.hostile/README.md", string.Concat(Enumerable.Repeat("[a](", 250_000))).Build(), b => SharedKeys.Trusted.Sign(b));

        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);

        Assert.Equal(0, result.Code);
        Assert.Equal(ReadmeMarkdown.MaxBytes, System.Text.Encoding.UTF8.GetByteCount(largest));
        var largestPage = File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins/com.example.largest/index.html"));
        Assert.Contains("class=\"readme", largestPage, StringComparison.Ordinal);
        Assert.Contains(">Largest</h", largestPage, StringComparison.Ordinal);
        Assert.DoesNotContain("warning largest.tar.gz", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("  warning hostile.tar.gz: readme: \"README.md\" is larger than 64 KiB, the most rendered as Markdown; the plugin's page leaves it out\n", result.Stderr);
        Assert.DoesNotContain("class=\"readme", File.ReadAllText(Path.Combine(catalog.SiteDir, "plugins/com.example.hostile/index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_javascript_homepage_url_is_published_but_left_out_of_the_listing()
    {
        var bundle = BuildOne(new TarGz().File("plugin.json", """{"id": "abc", "name": "n", "version": "1.0.0", "homepage_url": "javascript:alert(1)"}""").Build());
        Assert.True(bundle.IsPublished);
        Assert.Equal("", bundle.Info!.Manifest.HomepageUrl);
        Assert.Contains(bundle.Warnings, w => w.StartsWith("unsafe-url:", StringComparison.Ordinal));
    }
}
