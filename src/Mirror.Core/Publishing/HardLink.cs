using System.Runtime.InteropServices;

namespace Mirror.Core.Publishing;

/// <summary>A second name for a file (POSIX <c>link</c>); false where the OS or file system has none, and the caller writes the file instead.</summary>
internal static partial class HardLink
{
    public static bool TryCreate(string existing, string newPath)
    {
        if (OperatingSystem.IsWindows())
            return false;
        try
        {
            return Link(existing, newPath) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string newPath);
}
