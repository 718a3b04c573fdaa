using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Hardening;

/// <summary>The trusted parts of a catalog (mirror.json, keys/) in shapes that must stop the build with exit 2, naming them.</summary>
public sealed class CatalogSettingsTests
{
    private static (int Code, string Stderr) Build(TestCatalog catalog)
    {
        var result = MirrorCli.Run("build", catalog.Dir, "--output", catalog.SiteDir);
        return (result.Code, result.Stderr);
    }

    [Fact]
    public void A_mirror_json_that_is_a_folder_is_exit_2()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        Directory.CreateDirectory(catalog["mirror.json"]);
        Assert.Equal((ExitCodes.BadUsage, "mirror: mirror.json: is a folder, not a file\n"), Build(catalog));
    }

    [Fact]
    public void A_mirror_json_with_a_key_twice_is_exit_2()
    {
        using var catalog = TestCatalog.WithGoodBundle().Settings("""{"title": "A", "title": "B"}""");
        var (code, stderr) = Build(catalog);
        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.StartsWith("mirror: mirror.json: not valid JSON (Duplicate property 'title'", stderr, StringComparison.Ordinal);
    }

    /// <summary>Plugin ids are compared ignoring case: two such keys would be one plugin, one of them silently ignored.</summary>
    [Fact]
    public void A_mirror_json_with_a_plugin_twice_in_different_case_is_exit_2_naming_both_keys()
    {
        using var catalog = TestCatalog.WithGoodBundle().Settings("""
            {"plugins": {"COM.example.hello": {"author_type": "partner"}, "com.example.hello": {"release_stage": "beta"}}}
            """);
        Assert.Equal(
            (ExitCodes.BadUsage, "mirror: mirror.json: \"plugins\" has both \"COM.example.hello\" and \"com.example.hello\", the same plugin id ignoring case; keep one\n"),
            Build(catalog));
        Assert.False(Directory.Exists(catalog.SiteDir));
    }

    [Fact]
    public void A_mirror_json_with_a_byte_order_mark_is_read()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        File.WriteAllBytes(catalog["mirror.json"], [0xEF, 0xBB, 0xBF, .. """{"title": "With BOM"}"""u8]);
        Assert.Equal(ExitCodes.Success, Build(catalog).Code);
        Assert.Contains("<span>With BOM</span>", File.ReadAllText(Path.Combine(catalog.SiteDir, "index.html")));
    }

    /// <summary>JSON can escape half a surrogate pair, which is no text: .NET will not read it as a string, and no page could show it.</summary>
    [Theory]
    [InlineData("""{"title": "\ud800"}""", "\"title\" is not valid text")]
    [InlineData("""{"title": "A\ud800\u0041"}""", "\"title\" is not valid text")]
    [InlineData("""{"base_url": "https://mirror.example/\udc00/"}""", "\"base_url\" is not valid text")]
    [InlineData("""{"targets": ["10.5.0", "\ud800"]}""", "\"targets\" is not valid text")]
    [InlineData("""{"plugins": {"com.x": {"repo_name": "x\udfff"}}}""", "\"plugins.com.x.repo_name\" is not valid text")]
    [InlineData("""{"plugins": {"com.x": {"author_type": "\ud800"}}}""", "\"plugins.com.x.author_type\" is not valid text")]
    [InlineData("""{"plugins": {"com.\ud800": {}}}""", "a key in \"plugins\" is not valid text")]
    [InlineData("""{"plugins": {"com.x": {"\ud800": 1}}}""", "a key in \"plugins.com.x\" is not valid text")]
    [InlineData("""{"\ud800": 1}""", "a key at the top level is not valid text")]
    public void A_mirror_json_string_with_a_lone_surrogate_is_exit_2_naming_the_field(string json, string expected)
    {
        using var catalog = TestCatalog.WithGoodBundle().Settings(json);
        Assert.Equal((ExitCodes.BadUsage, $"mirror: mirror.json: {expected} (it escapes half of a UTF-16 surrogate pair, such as \\ud800 alone)\n"), Build(catalog));
        Assert.False(Directory.Exists(catalog.SiteDir));
    }

    [Fact]
    public void A_mirror_json_that_is_not_utf8_is_exit_2()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        // The UTF-8 form of U+D800, which UTF-8 may not encode.
        File.WriteAllBytes(catalog["mirror.json"], [.. "{\"title\": \""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]);
        Assert.Equal((ExitCodes.BadUsage, "mirror: mirror.json: is not UTF-8 text, as JSON must be\n"), Build(catalog));
        Assert.False(Directory.Exists(catalog.SiteDir));
    }

    [Fact]
    public void Keys_that_is_a_file_is_exit_2()
    {
        using var catalog = new TestCatalog();
        catalog.Add("good.tar.gz", TarGz.Plugin("com.example.good", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        File.WriteAllBytes(catalog["keys"], SharedKeys.Trusted.PublicArmored);
        Assert.Equal((ExitCodes.BadUsage, "mirror: keys: is a file; trusted keys go in a folder of key files\n"), Build(catalog));
    }
}
