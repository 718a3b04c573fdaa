using Mirror.OpenPgp.Files;

namespace Mirror.Core.Pipeline;

/// <summary>
/// Where <c>--report</c> writes, decided before the build starts. A regular file, or nothing yet, is replaced whole
/// (<see cref="WholeFile"/>), and a link at its name is replaced, not followed. A character device or named pipe
/// (<c>/dev/null</c>, <c>/dev/stdout</c> on a terminal or a pipe, a shell's <c>&gt;(...)</c>), followed through links, is
/// written into as a stream: replacing it would put a regular file where a system file was. Any other name under
/// /dev (but /dev/shm, a folder like /tmp) or /proc, there or not, is refused: those names stand for devices and for
/// the files processes have open, and a typo (/dev/nul) would make a new file among them. So are folders, block
/// devices and sockets.
/// </summary>
internal sealed record ReportDestination(string Path, bool Streamed)
{
    private static readonly string[] SystemFolders = ["/dev", "/proc"];

    private const string SharedMemory = "/dev/shm";

    /// <param name="target">The real path (its folder's links resolved).</param>
    /// <param name="asked">As the user wrote it, for messages.</param>
    /// <exception cref="MirrorException">Not something a report can be written to.</exception>
    public static ReportDestination For(string target, string asked)
    {
        if (!OperatingSystem.IsLinux())
            return new(target, Streamed: false);
        var followed = Statx.Of(Statx.CurrentFolder, target, 0);
        if (followed is { IsCharacterDevice: true } or { IsPipe: true })
            return new(target, Streamed: true);
        if (SystemFolders.Any(folder => RealPath.IsSameOrInside(target, folder)) && !RealPath.IsSameOrInside(target, SharedMemory))
            throw new MirrorException($"--report \"{asked}\" is a name under /dev or /proc, where devices and the files of processes are; give a file name such as report.json");
        var named = Statx.Of(Statx.CurrentFolder, target, Statx.NoFollow);
        if (named is null || named.Value.IsRegularFile || (named.Value.SpecialType == Statx.SymbolicLink && followed is not { IsRegularFile: false }))
            return new(target, Streamed: false);
        throw new MirrorException($"--report \"{asked}\" is {followed?.SpecialType ?? named.Value.SpecialType}; give a file name such as report.json");
    }

    /// <exception cref="IOException">It cannot be written; the message names --report.</exception>
    public void Write(Action<Stream> write, string asked)
    {
        try
        {
            if (!Streamed)
            {
                WholeFile.WriteIfChanged(Path, write);
                return;
            }

            using var stream = RegularFile.OpenStreamForWriting(Path);
            write(stream);
        }
        catch (Exception e) when (WholeFile.IsWriteFailure(e) || e is FileRefusedException)
        {
            throw new IOException($"--report \"{asked}\": cannot be written ({(e is FileRefusedException ? e.Message : WholeFile.Reason(e))})", e);
        }
    }
}
