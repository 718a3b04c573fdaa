using System.Runtime.InteropServices;

namespace Mirror.Core.Publishing;

/// <summary>
/// Exchanges two folders in one step where the OS can (Linux <c>renameat2(RENAME_EXCHANGE)</c>), so a web server
/// serving one of them never sees it missing; elsewhere falls back to two renames.
/// </summary>
internal static partial class AtomicSwap
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    /// <summary>Puts <paramref name="replacement"/> at <paramref name="target"/>; the old content ends up at <paramref name="replacement"/>.</summary>
    public static void Exchange(string replacement, string target, string fallbackAside)
    {
        if (OperatingSystem.IsLinux() && TryRenameExchange(replacement, target))
            return;
        Directory.Move(target, fallbackAside);
        Directory.Move(replacement, target);
        Directory.Move(fallbackAside, replacement);
    }

    private static bool TryRenameExchange(string a, string b)
    {
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);
}
