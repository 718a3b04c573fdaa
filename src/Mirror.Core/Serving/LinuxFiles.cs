using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Mirror.OpenPgp.Files;

namespace Mirror.Core.Serving;

/// <summary>
/// The few Linux calls that let <c>serve</c> pin one build of the site: a handle on the site folder as it was when it
/// was loaded (a later <c>renameat2</c> exchange moves the name, not our handle), files opened beneath that handle only
/// (<c>openat2</c> with <c>RESOLVE_BENEATH</c>: no <c>..</c>, no absolute or escaping symlink can leave it), and
/// <c>statx</c> (<see cref="Statx"/>) for a folder's identity and a file's type. .NET has none of these as managed calls.
/// </summary>
internal static partial class LinuxFiles
{
    private const ulong ReadOnlyCloseOnExec = 0x80000;
    private const ulong ResolveNoMagicLinks = 0x02;
    private const ulong ResolveBeneath = 0x08;
    private const long OpenAt2SyscallNumber = 437;
    private const int TryAgain = 11;

    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Opens a folder or file by path, read-only; null when it is not there (or not readable).</summary>
    public static SafeFileHandle? OpenPath(string path) => Open(Statx.CurrentFolder, path, resolve: 0);

    /// <summary>
    /// Opens <paramref name="relative"/> read-only beneath <paramref name="folder"/>; null when it does not exist or its
    /// resolution would leave the folder (<c>..</c>, an absolute path, a symlink leading out).
    /// </summary>
    public static SafeFileHandle? OpenBeneath(SafeFileHandle folder, string relative)
    {
        var added = false;
        try
        {
            folder.DangerousAddRef(ref added);
            return Open(checked((int)folder.DangerousGetHandle()), relative, ResolveBeneath | ResolveNoMagicLinks);
        }
        finally
        {
            if (added)
                folder.DangerousRelease();
        }
    }

    /// <summary>The status of a path, following links; null when it is not there.</summary>
    public static Statx.Status? Stat(string path) => Statx.Of(Statx.CurrentFolder, path, 0);

    private static unsafe SafeFileHandle? Open(int folder, string path, ulong resolve)
    {
        var how = stackalloc ulong[3];
        how[0] = ReadOnlyCloseOnExec;
        how[1] = 0;
        how[2] = resolve;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var fd = OpenAt2(OpenAt2SyscallNumber, folder, path, how, 3 * sizeof(ulong));
            if (fd >= 0)
                return new SafeFileHandle(checked((IntPtr)fd), ownsHandle: true);

            // EAGAIN: a rename elsewhere raced with a RESOLVE_BENEATH lookup; the kernel asks to try again.
            if (Marshal.GetLastPInvokeError() != TryAgain)
                return null;
        }

        return null;
    }

    [LibraryImport("libc", EntryPoint = "syscall", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial long OpenAt2(long number, int folder, string path, ulong* how, nuint size);
}
