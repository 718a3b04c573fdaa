using Mirror.Tests.Support;

namespace Mirror.Tests.Layout;

/// <summary>Folders follow the pipeline and dependencies only point backwards (see <see cref="CoreLayout"/>).</summary>
public sealed class LayoutTests
{
    [Fact]
    public void Mirror_Core_follows_the_layout()
    {
        var violations = CoreLayout.Violations(CoreLayout.SourceFiles(Path.Combine(RepoPaths.Root, "src", "Mirror.Core")));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Every_folder_of_the_layout_exists()
    {
        var core = Path.Combine(RepoPaths.Root, "src", "Mirror.Core");
        Assert.All(CoreLayout.Order.Where(f => f != CoreLayout.Root), folder => Assert.True(Directory.Exists(Path.Combine(core, folder)), folder));
    }

    [Fact]
    public void A_stage_using_a_later_stage_is_an_arrow_against_the_pipeline()
    {
        var violations = CoreLayout.Violations(
        [
            ("Rendering/Html/HtmlSite.cs", "using Mirror.Core.Pipeline;\n\nnamespace Mirror.Core.Rendering.Html;\n"),
            ("Pipeline/SiteContent.cs", "namespace Mirror.Core.Pipeline;\n"),
        ]);
        Assert.Equal(["Rendering/Html/HtmlSite.cs: Rendering uses Pipeline, which comes after it in the layout"], violations);
    }

    [Fact]
    public void A_fully_qualified_name_or_cref_counts_as_a_use()
    {
        var violations = CoreLayout.Violations(
        [
            ("Verification/BundleChecker.cs", "namespace Mirror.Core.Verification;\nclass C { object e = new Mirror.Core.Publishing.SiteWriteException(); }\n"),
            ("Bundles/BundleInfo.cs", "namespace Mirror.Core.Bundles;\n/// <see cref=\"Mirror.Core.Model.PublishedBundle\"/>\nclass D { }\n"),
            ("Publishing/SiteWriteException.cs", "namespace Mirror.Core.Publishing;\n"),
            ("Model/PublishedBundle.cs", "namespace Mirror.Core.Model;\n"),
        ]);
        Assert.Equal(
        [
            "Bundles/BundleInfo.cs: Bundles uses Model, which comes after it in the layout",
            "Verification/BundleChecker.cs: Verification uses Publishing, which comes after it in the layout",
        ], violations);
    }

    [Fact]
    public void A_stage_may_not_use_a_capability_but_a_capability_may_use_any_stage()
    {
        var violations = CoreLayout.Violations(
        [
            ("Pipeline/SiteBuilder.cs", "using Mirror.Core.Signing;\nnamespace Mirror.Core.Pipeline;\n"),
            ("Signing/BundleSigner.cs", "using Mirror.Core.KeyManagement;\nusing Mirror.Core.Pipeline;\nusing Mirror.Core.Scanning;\nnamespace Mirror.Core.Signing;\n"),
            ("KeyManagement/CatalogKeys.cs", "namespace Mirror.Core.KeyManagement;\n"),
            ("Scanning/CatalogInput.cs", "using Mirror.Core.Settings;\nnamespace Mirror.Core.Scanning;\n"),
            ("Settings/SiteSettings.cs", "namespace Mirror.Core.Settings;\n"),
        ]);
        Assert.Equal(["Pipeline/SiteBuilder.cs: Pipeline uses Signing, which comes after it in the layout"], violations);
    }

    [Fact]
    public void The_root_uses_no_folder_and_every_folder_may_use_the_root()
    {
        var violations = CoreLayout.Violations(
        [
            ("WholeFile.cs", "using Mirror.Core.Scanning;\nnamespace Mirror.Core;\n"),
            ("Scanning/CatalogScanner.cs", "namespace Mirror.Core.Scanning;\nclass S { int c = Mirror.Core.ExitCodes.Usage; }\n"),
        ]);
        Assert.Equal(["WholeFile.cs: Mirror.Core (root) uses Scanning, which comes after it in the layout"], violations);
    }

    [Fact]
    public void A_folder_missing_from_the_layout_or_a_namespace_unlike_its_folder_is_reported()
    {
        var violations = CoreLayout.Violations(
        [
            ("Scratch/Notes.cs", "namespace Mirror.Core.Scratch;\n"),
            ("Model/PluginCatalog.cs", "namespace Mirror.Core.Pipeline;\n"),
        ]);
        Assert.Equal(
        [
            "Scratch/ is not in the layout: add it to CoreLayout.Order (a capability goes at the end)",
            "Model/PluginCatalog.cs: declares namespace Mirror.Core.Pipeline, not one of its folder (Mirror.Core.Model)",
        ], violations);
    }
}
