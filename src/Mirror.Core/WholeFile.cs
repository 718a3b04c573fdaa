using System.Text.RegularExpressions;
using Mirror.OpenPgp.Files;

namespace Mirror.Core;

/// <summary>
/// Writes a file outside the staged site (a report, a signature, a key) so that readers see the old content or the
/// new, never half of it: a temporary file beside it, then a rename.
/// </summary>
internal static partial class WholeFile
{
    /// <remarks>
    /// The temporary file gets a fresh name and is created exclusively, so a link planted at a predictable name is
    /// never written through; the rename replaces a link at <paramref name="path"/> itself, never its target. A
    /// failed write leaves no temporary file behind.
    /// </remarks>
    public static void Write(string path, byte[] bytes) => Write(path, file => file.Write(bytes));

    /// <summary>As <see cref="Write(string, byte[])"/>, the bytes written by <paramref name="write"/> as they are made.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
                write(file);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>.NET reports a file that may not grow (EFBIG) as an <see cref="ArgumentOutOfRangeException"/>, not an IOException.</summary>
    public static bool IsWriteFailure(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException;

    /// <summary>
    /// The system's reason for a <see cref="IsWriteFailure">write failure</see>, in words. .NET's messages quote the
    /// path the call was given ("Read-only file system : '…'", "Could not find file '…'"), often a temporary file the
    /// user never named: the caller names the file.
    /// </summary>
    public static string Reason(Exception e) => e switch
    {
        ArgumentOutOfRangeException => "a file may not grow any larger (a full disk or a file size limit)",
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException when QuotedPath().IsMatch(e.Message) => "no such file or directory",
        _ => QuotedPath().Replace(e.Message, "").TrimEnd('.'),
    };

    /// <summary>
    /// As <see cref="Write(string, Action{Stream})"/>, but a regular file that already holds those bytes is left as it
    /// is: compared as they are made, before anything is created (its folder may be read-only).
    /// </summary>
    public static void WriteIfChanged(string path, Action<Stream> write)
    {
        if (!Holds(path, write))
            Write(path, write);
    }

    /// <summary>
    /// Whether the regular file <paramref name="path"/> holds exactly the bytes <paramref name="write"/> makes, compared
    /// as they are made; false for anything else there (opened without following a link or blocking on a pipe).
    /// </summary>
    public static bool Holds(string path, Action<Stream> write)
    {
        try
        {
            using var existing = RegularFile.OpenRead(path, followLink: false, bufferSize: 1 << 16);
            using var comparison = new ComparingStream(existing);
            write(comparison);
            return comparison.Same && existing.ReadByte() < 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FileRefusedException)
        {
            return false;
        }
    }

    [GeneratedRegex(" ?:? '/[^']*'")]
    private static partial Regex QuotedPath();

    /// <summary>Takes the bytes being made and tells whether the existing file starts with the same ones.</summary>
    private sealed class ComparingStream(Stream existing) : Stream
    {
        private byte[] buffer = [];

        public bool Same { get; private set; } = true;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!Same)
                return;
            if (this.buffer.Length < buffer.Length)
                this.buffer = new byte[Math.Max(buffer.Length, 1 << 16)];
            var read = existing.ReadAtLeast(this.buffer.AsSpan(0, buffer.Length), buffer.Length, throwOnEndOfStream: false);
            Same = read == buffer.Length && buffer.SequenceEqual(this.buffer.AsSpan(0, read));
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
