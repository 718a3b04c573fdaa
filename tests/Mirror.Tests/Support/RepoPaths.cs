namespace Mirror.Tests.Support;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleCatalog => Path.Combine(Root, "catalog");

    /// <summary>
    /// The Mattermost server's own test plugins and keys (<c>../shared/fixtures/mattermost</c>), never copied into the
    /// repo. A clean clone in a temp folder (as CI makes) finds them beside the repository it was cloned from;
    /// <c>MIRROR_SHARED_DIR</c> points elsewhere.
    /// </summary>
    public static string MattermostFixtures => mattermostFixtures.Value;

    // Found on first use, so that tests that never need them run where ../shared is absent.
    private static readonly Lazy<string> mattermostFixtures = new(() => Path.Combine(FindShared(), "fixtures", "mattermost"));

    private static string FindShared()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("MIRROR_SHARED_DIR"),
            Path.Combine(Root, "..", "shared"),
        };
        var origin = Tool.Run("git", ["-C", Root, "config", "--get", "remote.origin.url"]).Stdout.Trim();
        if (origin.Length > 0 && Directory.Exists(origin))
            candidates.Add(Path.Combine(origin, "..", "shared"));
        return candidates.OfType<string>().Select(Path.GetFullPath).FirstOrDefault(d => Directory.Exists(Path.Combine(d, "fixtures")))
            ?? throw new InvalidOperationException($"shared fixtures not found (looked in {string.Join(", ", candidates.OfType<string>())}); set MIRROR_SHARED_DIR");
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Mirror.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Mirror.sln not found above " + AppContext.BaseDirectory);
    }
}
