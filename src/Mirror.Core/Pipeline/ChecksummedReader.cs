using System.IO.Hashing;

namespace Mirror.Core.Pipeline;

/// <summary>
/// Reads a file whose last 16 bytes are the XXH128 of the rest (<see cref="ChecksummedWriter"/>), hashing the body as it
/// is read, in large chunks. The build cache is parsed as it streams by, not first read whole: a 4 MB array of it had
/// been a tenth of a no-change rebuild's memory, and memory the garbage collector then had to go through. What was
/// parsed counts only once <see cref="EndsWithItsChecksum"/> says so.
/// </summary>
internal sealed class ChecksummedReader : Stream
{
    private const int ChecksumBytes = 16;

    private readonly Stream file;
    private readonly long bodyLength;
    private readonly XxHash128 checksum = new();
    private readonly byte[] chunk = new byte[64 * 1024];
    private int chunkStart;
    private int chunkEnd;
    private long position;

    /// <param name="file">The whole file, of a known length, read from its start.</param>
    public ChecksummedReader(Stream file)
    {
        this.file = file;
        bodyLength = file.Length - ChecksumBytes;
        if (bodyLength < 0)
            throw new InvalidDataException("shorter than its checksum");
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>The body's length: what a length read from the file may not exceed.</summary>
    public override long Length => bodyLength;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    /// <summary>Whether the whole body was read and the checksum after it is the body's.</summary>
    public bool EndsWithItsChecksum()
    {
        if (position != bodyLength)
            return false;
        Span<byte> stored = stackalloc byte[ChecksumBytes];
        var tail = chunk.AsSpan(chunkStart, chunkEnd - chunkStart);
        if (tail.Length > ChecksumBytes)
            return false;
        tail.CopyTo(stored);
        file.ReadExactly(stored[tail.Length..]);
        return checksum.GetHashAndReset().AsSpan().SequenceEqual(stored);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (chunkStart == chunkEnd && !Fill())
            return 0;
        var count = (int)Math.Min(Math.Min(buffer.Length, chunkEnd - chunkStart), bodyLength - position);
        chunk.AsSpan(chunkStart, count).CopyTo(buffer);
        chunkStart += count;
        position += count;
        return count;
    }

    /// <summary>The next chunk of the body (and, at its end, what follows: the checksum), the body's part hashed.</summary>
    private bool Fill()
    {
        if (position == bodyLength)
            return false;
        chunkStart = 0;
        chunkEnd = file.Read(chunk);
        if (chunkEnd == 0)
            throw new EndOfStreamException();
        checksum.Append(chunk.AsSpan(0, (int)Math.Min(chunkEnd, bodyLength - position)));
        return true;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
