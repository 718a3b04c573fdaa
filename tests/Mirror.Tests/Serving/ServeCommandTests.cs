using Mirror.Core;
using Mirror.Core.Pipeline;
using Mirror.Tests.Support;

namespace Mirror.Tests.Serving;

/// <summary><c>mirror serve</c> refusing what it cannot serve: one line naming the folder, file or flag, exit 2, nothing started.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void A_missing_site_folder()
    {
        using var temp = new TempDir();
        var result = MirrorCli.Run("serve", temp["nowhere"]);
        Assert.Equal((ExitCodes.BadUsage, $"mirror: site folder \"{temp["nowhere"]}\" does not exist; build one first with `mirror build`\n"), (result.Code, result.Stderr));
    }

    [Fact]
    public void A_folder_mirror_build_did_not_write()
    {
        using var temp = new TempDir();
        var result = MirrorCli.Run("serve", temp.Path);
        Assert.Equal((ExitCodes.BadUsage, $"mirror: \"{temp.Path}\" is not a site written by `mirror build` (it has no .plugin-mirror-site)\n"), (result.Code, result.Stderr));
    }

    [Theory]
    [InlineData("site.json", "", " is missing: the site was written by an older `mirror build` or damaged; build it again")]
    [InlineData("site.json", "{\"base_url\": 3}", ": not a site index (base_url, targets); build the site again")]
    [InlineData("plugins.json", "{}", ": not a JSON array of entries; build the site again")]
    [InlineData("plugins.json", "[{\"manifest\": {\"id\": \"x\", \"version\": \"1.0\"}}]", ": an entry lacks manifest.id or a strict semver manifest.version; build the site again")]
    [InlineData("plugins.json", "[", ": ")]
    public void A_site_whose_data_is_missing_or_damaged(string file, string content, string message)
    {
        using var catalog = new TestCatalog().Trust(SharedKeys.Trusted);
        catalog.Add("p.tar.gz", TarGz.Plugin("com.example.p", "1.0.0").Build(), b => SharedKeys.Trusted.Sign(b));
        Assert.Equal(ExitCodes.Success, catalog.Build().ExitCode);
        var path = Path.Combine(catalog.SiteDir, file);
        if (content.Length == 0)
            File.Delete(path);
        else
            File.WriteAllText(path, content);

        var result = MirrorCli.Run("serve", catalog.SiteDir);

        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.StartsWith($"mirror: {path}{message}", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("--host", "example.com", "mirror: --host \"example.com\" is not an IP address (such as 127.0.0.1, 0.0.0.0 or ::1) or localhost\n")]
    [InlineData("--port", "0", "mirror: --port 0 is not a TCP port (1-65535)\n")]
    [InlineData("--port", "70000", "mirror: --port 70000 is not a TCP port (1-65535)\n")]
    public void A_bad_address(string flag, string value, string message)
    {
        var result = MirrorCli.Run("serve", "./nowhere", flag, value);
        Assert.Equal((ExitCodes.BadUsage, message), (result.Code, result.Stderr));
    }

    [Fact]
    public void A_misspelt_flag()
    {
        var result = MirrorCli.Run("serve", "--prot", "8080");
        Assert.Equal(ExitCodes.BadUsage, result.Code);
        Assert.Contains("'--prot'", result.Stderr, StringComparison.Ordinal);
    }
}
