namespace Mirror.Cli.Commands;

/// <summary>Says which folder links the scan did not follow, so that bundles behind one do not vanish silently.</summary>
internal static class SkippedLinks
{
    public static void Write(IReadOnlyList<string> links, TextWriter stderr)
    {
        foreach (var link in links)
            stderr.WriteLine($"mirror: not followed: {link} is a link to a folder (links below the catalog are never followed)");
    }
}
