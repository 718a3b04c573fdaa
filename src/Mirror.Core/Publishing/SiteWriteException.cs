namespace Mirror.Core.Publishing;

/// <summary>
/// The new site could not be written (disk full, file too large, permissions): the build stops with exit 1 and the
/// previous site stays as it was. Never blamed on a bundle.
/// </summary>
internal sealed class SiteWriteException(string what, Exception cause)
    : MirrorException($"cannot write the new site ({what}: {WholeFile.Reason(cause)}); nothing published, the previous site is untouched", ExitCodes.Failure)
{
    public static T Guard<T>(string what, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (WholeFile.IsWriteFailure(e))
        {
            throw new SiteWriteException(what, e);
        }
    }

    public static void Guard(string what, Action write) => Guard(what, () =>
    {
        write();
        return 0;
    });
}
