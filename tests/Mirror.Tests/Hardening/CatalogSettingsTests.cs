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

    [Fact]
    public void A_mirror_json_with_a_byte_order_mark_is_read()
    {
        using var catalog = TestCatalog.WithGoodBundle();
        File.WriteAllBytes(catalog["mirror.json"], [0xEF, 0xBB, 0xBF, .. """{"title": "With BOM"}"""u8]);
        Assert.Equal(ExitCodes.Success, Build(catalog).Code);
        Assert.Contains("<span>With BOM</span>", File.ReadAllText(Path.Combine(catalog.SiteDir, "index.html")));
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
