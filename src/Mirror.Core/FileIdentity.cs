using Microsoft.Win32.SafeHandles;
using Mirror.OpenPgp.Files;

namespace Mirror.Core;

/// <summary>
/// What says, as git's index does, that a file is still the one seen before without reading it: its device and inode,
/// size, and modification and change times to the nanosecond (Linux <c>statx</c>). Elsewhere only the size and
/// modification time .NET offers. The content hash stays the truth: a mismatch here only means "look at the bytes".
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode, long Size, long ModifiedNs, long ChangedNs)
{
    /// <summary>The identity of the file at <paramref name="path"/>, or null when there is none to stat.</summary>
    public static FileIdentity? Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return From(Statx.Of(Statx.CurrentFolder, path, Statx.NoFollow));
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // A C library without statx: what .NET offers, below.
            }
        }

        var info = new FileInfo(path);
        return info.Exists ? new FileIdentity(0, 0, info.Length, info.LastWriteTimeUtc.Ticks * 100, 0) : null;
    }

    /// <summary>
    /// The identity of the file at <paramref name="relativePath"/> in an open folder (<see cref="Statx.OpenFolder"/>), or
    /// null when there is none to stat: no full path made for each of a site's thousands of files.
    /// </summary>
    public static FileIdentity? Of(SafeFileHandle folder, string relativePath) => From(Statx.Of(folder, relativePath, Statx.NoFollow));

    private static FileIdentity? From(Statx.Status? status) =>
        status is { } s ? new FileIdentity(s.Device, s.Inode, s.Size, s.ModifiedNs, s.ChangedNs) : null;

    /// <summary>The same file, unchanged since, by everything but the change time (making a hard link to a file changes it).</summary>
    public bool SameContentAs(FileIdentity other) =>
        Device == other.Device && Inode == other.Inode && Size == other.Size && ModifiedNs == other.ModifiedNs;
}
