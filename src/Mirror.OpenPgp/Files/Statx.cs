using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mirror.OpenPgp.Files;

/// <summary>
/// The one reader of Linux <c>statx</c> (glibc), whose layout is the same on every architecture: a file's type,
/// device and inode, size, and change and modification times to the nanosecond. .NET offers none of these for an open
/// handle, nor the inode and change time at all.
/// </summary>
internal static partial class Statx
{
    public const int CurrentFolder = -100;
    public const int EmptyPath = 0x1000;
    public const int NoFollow = 0x100;
    private const uint BasicStats = 0x7ff;
    private const int PathOnly = 0x200000;
    private const int CloseOnExec = 0x80000;

    /// <summary>What <see cref="Status.SpecialType"/> calls a link (seen only when it is not followed).</summary>
    public const string SymbolicLink = "a symbolic link";

    /// <summary>What <c>statx</c> says of one file.</summary>
    /// <param name="Mode">The type bits (<c>S_IFMT</c>) and permissions.</param>
    internal readonly record struct Status(ushort Mode, ulong Device, ulong Inode, long Size, long ChangedNs, long ModifiedNs)
    {
        private const ushort TypeMask = 0xF000;

        public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

        public bool IsDirectory => (Mode & TypeMask) == 0x4000;

        /// <summary>A named pipe, or the pipe a shell hands over as <c>/dev/fd/N</c>.</summary>
        public bool IsPipe => (Mode & TypeMask) == 0x1000;

        /// <summary>A character device: <c>/dev/null</c>, a terminal.</summary>
        public bool IsCharacterDevice => (Mode & TypeMask) == 0x2000;

        /// <summary>Which file this is, whatever its name: two builds' site folders told apart.</summary>
        public (ulong Device, ulong Inode) Identity => (Device, Inode);

        public DateTimeOffset Modified => DateTimeOffset.UnixEpoch.AddTicks(ModifiedNs / 100);

        /// <summary>What the file is when it is not a regular file ("a named pipe (FIFO)", ...); null for a regular file.</summary>
        public string? SpecialType => (Mode & TypeMask) switch
        {
            0x8000 => null,
            0x4000 => "a folder",
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            0xA000 => SymbolicLink,
            _ => "a special file",
        };
    }

    /// <summary>The status of <paramref name="path"/> relative to the open folder <paramref name="folder"/>; null when the call fails (errno in <see cref="Marshal.GetLastPInvokeError"/>).</summary>
    /// <exception cref="EntryPointNotFoundException">The C library has no <c>statx</c> (glibc before 2.28).</exception>
    /// <exception cref="DllNotFoundException">No C library by the name <c>libc</c> (not glibc).</exception>
    public static Status? Of(int folder, string path, int flags)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Call(folder, path, flags, BasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
            return null;

        // struct statx: stx_mode at 28, stx_ino at 32, stx_size at 40, timestamps {s64 sec; u32 nsec} with ctime at
        // 96 and mtime at 112, stx_dev_major/minor at 136/140.
        static long Nanoseconds(ReadOnlySpan<byte> at) =>
            BinaryPrimitives.ReadInt64LittleEndian(at) * 1_000_000_000 + BinaryPrimitives.ReadUInt32LittleEndian(at[8..]);
        return new Status(
            BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]),
            ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]),
            Nanoseconds(buffer[96..]),
            Nanoseconds(buffer[112..]));
    }

    /// <summary>The status of an open file or folder.</summary>
    /// <exception cref="IOException">The call failed.</exception>
    public static Status Of(SafeFileHandle handle) =>
        Of(handle, "", EmptyPath) ?? throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));

    /// <summary>
    /// A folder opened only to name files relative to it (<c>O_PATH</c>, not followed into by anything but
    /// <see cref="Of(SafeFileHandle, string, int)"/>); null when it cannot be opened.
    /// </summary>
    public static SafeFileHandle? OpenFolder(string path)
    {
        var fd = Open(path, PathOnly | CloseOnExec);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : null;
    }

    /// <summary>
    /// The status of <paramref name="path"/> relative to an open folder (<see cref="OpenFolder"/>), or of the open file
    /// itself (an empty path with <see cref="EmptyPath"/>); null when the call fails.
    /// </summary>
    public static Status? Of(SafeFileHandle folder, string path, int flags)
    {
        var added = false;
        try
        {
            folder.DangerousAddRef(ref added);
            return Of(checked((int)folder.DangerousGetHandle()), path, flags);
        }
        finally
        {
            if (added)
                folder.DangerousRelease();
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Call(int folder, string path, int flags, uint mask, ref byte buffer);
}
