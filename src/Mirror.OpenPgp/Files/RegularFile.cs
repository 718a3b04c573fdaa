using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mirror.OpenPgp.Files;

/// <summary>
/// The one way input files (bundles, signatures, keys, mirror.json) are opened: only a regular file is read. A named
/// pipe would block the build forever and a device such as <c>/dev/zero</c> never ends, so on Linux the file is opened
/// without blocking (<c>O_NONBLOCK</c>) and its type is taken from the open handle (no window between looking and
/// opening); anything but a regular file is refused with what it is. Every cap counts the bytes actually read, never
/// the size a file reports. A build's lock file is opened here too (<see cref="TryLock"/>), never through a link.
/// </summary>
internal static partial class RegularFile
{
    /// <summary>Opens a regular file for reading.</summary>
    /// <param name="followLink">False: a symbolic link as the last path component is refused rather than followed.</param>
    /// <param name="pipeAllowed">
    /// True: a pipe is read too (a named one, or the <c>/dev/fd/N</c> of a shell's <c>&lt;(…)</c>), waiting for what its
    /// writers send until they close it, as any program reading a pipe does; one that no writer holds open is empty at
    /// once (it was opened without waiting for one).
    /// </param>
    /// <exception cref="FileRefusedException">Not a regular file (or a link when links are refused).</exception>
    /// <exception cref="IOException">Missing or unreadable.</exception>
    public static FileStream OpenRead(string path, bool followLink = true, int bufferSize = 4096, bool pipeAllowed = false)
    {
        if (!OperatingSystem.IsLinux())
            return OpenPortable(path, followLink, bufferSize);
        var handle = UnixFile.OpenNonBlocking(path, followLink);
        try
        {
            var status = Statx.Of(handle);
            if (pipeAllowed && status.IsPipe)
                UnixFile.Block(handle);
            else if (status.SpecialType is { } notRegular)
                throw new FileRefusedException($"is {notRegular}, not a regular file{(pipeAllowed ? " or a pipe" : "")}");
            return new FileStream(handle, FileAccess.Read, bufferSize);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="pipeAllowed">As for <see cref="OpenRead"/>.</param>
    /// <exception cref="FileRefusedException">Not a regular file, or more than <paramref name="maxBytes"/> bytes read.</exception>
    public static byte[] ReadAll(string path, long maxBytes, bool followLink = true, bool pipeAllowed = false)
    {
        // Unbuffered, straight into an array of the size the file says it has: the build cache is megabytes, and a
        // growing buffer copied it four times (a quarter of a no-change rebuild's page faults). The size is only a hint.
        using var file = OpenRead(path, followLink, bufferSize: 0, pipeAllowed);
        var bytes = new byte[Math.Clamp(file.CanSeek ? file.Length : 0, 0, Math.Min(maxBytes, Array.MaxLength))];
        var filled = 0;
        int read;
        while (filled < bytes.Length && (read = file.Read(bytes, filled, bytes.Length - filled)) > 0)
            filled += read;
        if (filled < bytes.Length)
            return bytes[..filled];
        return ReadRest(file, bytes, maxBytes);
    }

    /// <summary>The rest of a file that holds more than it said (a file in /proc says 0), still capped.</summary>
    private static byte[] ReadRest(FileStream file, byte[] start, long maxBytes)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var read = file.Read(chunk);
            if (read == 0)
                return start;
            using var buffer = new MemoryStream();
            buffer.Write(start);
            do
            {
                if (buffer.Length + read > maxBytes)
                    throw TooLarge(maxBytes);
                buffer.Write(chunk, 0, read);
            }
            while ((read = file.Read(chunk)) > 0);
            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>
    /// Opens the regular file <paramref name="path"/> for writing, creating it if it is missing, and takes an exclusive
    /// advisory lock (<c>flock</c>, which the OS releases when the process dies, even by SIGKILL) without waiting. A
    /// symbolic link there is refused, never followed (<c>O_NOFOLLOW</c>: a dangling one would otherwise create its
    /// target anywhere), and so is a folder, a named pipe (without blocking on it), a device or a socket.
    /// </summary>
    /// <returns>The locked file; null when another open file holds its lock.</returns>
    /// <exception cref="FileRefusedException">Not a regular file: what it is.</exception>
    /// <exception cref="IOException">Cannot be created or opened (no such folder, a read-only file system, ...).</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public static SafeFileHandle? TryLock(string path)
    {
        if (!OperatingSystem.IsLinux())
            return TryLockPortable(path);

        // Looking first spares a device the side effects of being opened; the open handle's type is what counts.
        if (Statx.Of(Statx.CurrentFolder, path, Statx.NoFollow) is { SpecialType: { } found })
            throw new FileRefusedException(Refusal(found));
        var handle = UnixFile.OpenForLock(path);
        try
        {
            if (Statx.Of(handle).SpecialType is { } notRegular)
                throw new FileRefusedException(Refusal(notRegular));
            if (UnixFile.TryLockExclusive(handle))
                return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        handle.Dispose();
        return null;
    }

    /// <summary>
    /// Opens a character device or named pipe (<c>/dev/null</c>, a terminal, a shell's <c>&gt;(...)</c>) to write a
    /// stream into, following links; a pipe no process reads from is refused at once rather than waited on.
    /// </summary>
    /// <exception cref="FileRefusedException">Anything else: what it is.</exception>
    /// <exception cref="IOException">It cannot be opened, or no process reads from the pipe.</exception>
    public static FileStream OpenStreamForWriting(string path)
    {
        if (!OperatingSystem.IsLinux())
            return new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1 << 16);
        var handle = UnixFile.OpenForStreaming(path);
        try
        {
            var status = Statx.Of(handle);
            if (!status.IsCharacterDevice && !status.IsPipe)
                throw new FileRefusedException($"is {status.SpecialType ?? "a regular file"}, not a device or pipe");
            return new FileStream(handle, FileAccess.Write, bufferSize: 1 << 16);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public static FileRefusedException TooLarge(long maxBytes) => new($"holds more than {maxBytes:N0} bytes, more than it may", tooLarge: true);

    /// <summary>Windows has no pipes or devices among ordinary paths; links are still checked before opening.</summary>
    private static FileStream OpenPortable(string path, bool followLink, int bufferSize)
    {
        var info = new FileInfo(path);
        if (!followLink && info.LinkTarget is not null)
            throw new FileRefusedException(UnixFile.LinkRefusal);
        if (Directory.Exists(path))
            throw new FileRefusedException("is a folder, not a regular file");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);
    }

    private static string Refusal(string what) => what == Statx.SymbolicLink ? UnixFile.LinkRefusal : $"is {what}, not a regular file";

    /// <summary>
    /// .NET takes the same <c>flock</c> for <see cref="FileShare.None"/>, and reports a lock held elsewhere as a plain
    /// <see cref="IOException"/> whose HResult is flock's EWOULDBLOCK (35 on macOS), on Windows a sharing violation.
    /// </summary>
    private static SafeFileHandle? TryLockPortable(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
            throw new FileRefusedException(UnixFile.LinkRefusal);
        if (Directory.Exists(path))
            throw new FileRefusedException(Refusal("a folder"));
        try
        {
            return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.GetType() == typeof(IOException) && e.HResult == (OperatingSystem.IsWindows() ? unchecked((int)0x80070020) : 35))
        {
            return null;
        }
    }

    /// <summary>Linux's <c>open</c> (glibc), for the flags .NET does not pass: no blocking, no following a link.</summary>
    private static partial class UnixFile
    {
        public const string LinkRefusal = "is a symbolic link, and links are not followed here";

        private const int ReadOnly = 0;
        private const int WriteOnly = 1;
        private const int ReadWrite = 2;
        private const int NoReader = 6; // ENXIO: a pipe opened to write without blocking, that nothing reads
        private const int Create = 0x40;
        private const int NoControllingTty = 0x100;
        private const int NonBlocking = 0x800;
        private const int CloseOnExec = 0x80000;
        private const int TooManyLinks = 40; // ELOOP: what O_NOFOLLOW answers for a link
        private const int IsAFolder = 21; // EISDIR
        private const int WouldBlock = 11; // EWOULDBLOCK: flock held by another open file
        private const int LockExclusive = 2;
        private const int LockNonBlocking = 4;
        private const int ReadWriteForAll = 0x1b6; // 0666, less the umask, as .NET creates files
        private const int GetFlags = 3; // F_GETFL
        private const int SetFlags = 4; // F_SETFL

        /// <summary>O_NOFOLLOW differs between architectures.</summary>
        private static int NoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

        public static SafeFileHandle OpenNonBlocking(string path, bool followLink)
        {
            var flags = ReadOnly | NonBlocking | NoControllingTty | CloseOnExec | (followLink ? 0 : NoFollow);
            var fd = Open(path, flags);
            if (fd >= 0)
                return new SafeFileHandle(fd, ownsHandle: true);
            var errno = Marshal.GetLastPInvokeError();
            if (errno == TooManyLinks && !followLink)
                throw new FileRefusedException(LinkRefusal);
            throw Failure(errno, path);
        }

        /// <summary>
        /// Opens for writing without blocking (a pipe without a reader answers ENXIO), then blocks again, so that a
        /// full pipe waits for its reader as a shell's redirection does.
        /// </summary>
        public static SafeFileHandle OpenForStreaming(string path)
        {
            var fd = Open(path, WriteOnly | NonBlocking | NoControllingTty | CloseOnExec);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                // ENXIO: for a pipe, nothing reads it; for a device (a terminal a process without one opens), no such device.
                throw errno == NoReader && Statx.Of(Statx.CurrentFolder, path, 0) is { IsPipe: true }
                    ? new IOException("is a pipe no process reads from")
                    : Failure(errno, path);
            }

            var handle = new SafeFileHandle(fd, ownsHandle: true);
            try
            {
                Block(handle);
                return handle;
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        /// <summary>Clears <c>O_NONBLOCK</c>, so that reading a pipe waits for its writers rather than failing at once.</summary>
        public static void Block(SafeFileHandle handle)
        {
            var flags = Fcntl(handle, GetFlags, 0);
            if (flags < 0 || Fcntl(handle, SetFlags, flags & ~NonBlocking) < 0)
                throw Failure(Marshal.GetLastPInvokeError(), "");
        }

        /// <summary>Opens for writing, creating a missing file (0666 less the umask), never through a link at its name.</summary>
        public static SafeFileHandle OpenForLock(string path)
        {
            var fd = Open(path, ReadWrite | Create | NonBlocking | NoControllingTty | CloseOnExec | NoFollow, ReadWriteForAll);
            if (fd >= 0)
                return new SafeFileHandle(fd, ownsHandle: true);
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                TooManyLinks when Statx.Of(Statx.CurrentFolder, path, Statx.NoFollow) is { SpecialType: Statx.SymbolicLink } =>
                    new FileRefusedException(LinkRefusal),
                IsAFolder => new FileRefusedException("is a folder, not a regular file"),
                _ => Failure(errno, path),
            };
        }

        /// <summary>Takes <c>flock(LOCK_EX | LOCK_NB)</c>: false when another open file holds it.</summary>
        public static bool TryLockExclusive(SafeFileHandle handle)
        {
            if (Flock(handle, LockExclusive | LockNonBlocking) == 0)
                return true;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == WouldBlock)
                return false;
            throw Failure(errno, "");
        }

        private static Exception Failure(int errno, string path)
        {
            var message = Marshal.GetPInvokeErrorMessage(errno);
            return errno switch
            {
                2 => new FileNotFoundException($"no such file ({message})", path),
                13 or 1 => new UnauthorizedAccessException($"permission denied ({message})"),
                _ => new IOException(message),
            };
        }

        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        private static partial int Open(string path, int flags);

        /// <summary><c>open</c> with the mode a created file gets (x64 and Arm64 Linux pass this variadic int like any other).</summary>
        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        private static partial int Open(string path, int flags, int mode);

        /// <summary><c>fcntl</c> with an int argument (passed like any other on x64 and Arm64 Linux, as for <c>open</c>).</summary>
        [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
        private static partial int Fcntl(SafeFileHandle handle, int command, int argument);

        [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
        private static partial int Flock(SafeFileHandle handle, int operation);
    }
}
