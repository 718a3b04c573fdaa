namespace Mirror.Core.Publishing;

/// <summary>
/// The new site could not be written (disk full, file too large, permissions): the build stops with exit 1 and the
/// previous site stays as it was. Never blamed on a bundle.
/// </summary>
internal sealed class SiteWriteException(string what, Exception cause)
    : MirrorException($"cannot write the new site ({what}: {Describe(cause)}); nothing published, the previous site is untouched", ExitCodes.Failure)
{
    private static string Describe(Exception cause) => cause is ArgumentOutOfRangeException
        ? "a file may not grow any larger (a full disk or a file size limit)"
        : cause.Message.TrimEnd('.');

    public static T Guard<T>(string what, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            throw new SiteWriteException(what, e);
        }
    }

    /// <summary>.NET reports a file that may not grow (EFBIG) as an <see cref="ArgumentOutOfRangeException"/>, not an IOException.</summary>
    public static bool IsWriteFailure(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException;

    public static void Guard(string what, Action write) => Guard(what, () =>
    {
        write();
        return 0;
    });
}
