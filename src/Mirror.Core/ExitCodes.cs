namespace Mirror.Core;

/// <summary>The process exit codes of every command: the one place they are defined (README lists them too).</summary>
internal static class ExitCodes
{
    /// <summary>Everything was published (or, for read-only commands, everything checked out).</summary>
    public const int Success = 0;

    /// <summary>Nothing was published (the previous site is untouched), or a command failed.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or settings: unknown flag, bad value, unreadable mirror.json or key file.</summary>
    public const int BadUsage = 2;

    /// <summary>The site was published, but some bundles were rejected.</summary>
    public const int PartiallyPublished = 3;

    /// <summary>Another build holds the output folder's lock.</summary>
    public const int OutputBusy = 4;

    /// <summary>The rule <c>build</c> and <c>verify</c> share: nothing publishable is 1, some rejected is 3.</summary>
    public static int ForOutcome(int published, int rejected, bool strict) =>
        published == 0 || (strict && rejected > 0) ? Failure : rejected > 0 ? PartiallyPublished : Success;
}
