using System.Runtime.CompilerServices;

namespace Mirror.Tests.Support;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleCatalog => Path.Combine(Root, "catalog");

    /// <summary>The Mattermost server's own test plugins and keys (../shared/fixtures/mattermost), never copied into the repo.</summary>
    public static string MattermostFixtures => Path.Combine(Root, "..", "shared", "fixtures", "mattermost");

    public static string TestsFolder([CallerFilePath] string here = "") => Path.GetDirectoryName(Path.GetDirectoryName(here)!)!;

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Mirror.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Mirror.sln not found above " + AppContext.BaseDirectory);
    }
}
