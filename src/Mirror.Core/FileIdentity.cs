using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Mirror.Core;

/// <summary>
/// What says, as git's index does, that a file is still the one seen before without reading it: its device and inode,
/// size, and modification and change times to the nanosecond (Linux <c>statx</c>, whose layout is the same on every
/// architecture). Elsewhere only the size and modification time .NET offers. The content hash stays the truth: a
/// mismatch here only means "look at the bytes".
/// </summary>
public readonly partial record struct FileIdentity(ulong Device, ulong Inode, long Size, long ModifiedNs, long ChangedNs)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>The identity of the file at <paramref name="path"/>, or null when there is none to stat.</summary>
    public static FileIdentity? Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var found = TryStatx(path, out var identity, out var supported);
            if (supported)
                return found ? identity : null;
        }

        var info = new FileInfo(path);
        return info.Exists ? new FileIdentity(0, 0, info.Length, info.LastWriteTimeUtc.Ticks * 100, 0) : null;
    }

    /// <summary>The same file, unchanged since, by everything but the change time (making a hard link to a file changes it).</summary>
    public bool SameContentAs(FileIdentity other) =>
        Device == other.Device && Inode == other.Inode && Size == other.Size && ModifiedNs == other.ModifiedNs;

    private static bool TryStatx(string path, out FileIdentity identity, out bool supported)
    {
        identity = default;
        supported = true;
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
                return false;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            supported = false;
            return false;
        }

        // struct statx: stx_ino at 32, stx_size at 40, timestamps {s64 sec; u32 nsec} with ctime at 96 and mtime at
        // 112, stx_dev_major/minor at 136/140.
        static long Nanoseconds(ReadOnlySpan<byte> at) =>
            BinaryPrimitives.ReadInt64LittleEndian(at) * 1_000_000_000 + BinaryPrimitives.ReadUInt32LittleEndian(at[8..]);
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]);
        identity = new FileIdentity(
            device,
            BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]),
            Nanoseconds(buffer[112..]),
            Nanoseconds(buffer[96..]));
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, ref byte buffer);
}
