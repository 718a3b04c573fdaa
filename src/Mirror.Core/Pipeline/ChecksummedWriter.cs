using System.IO.Hashing;

namespace Mirror.Core.Pipeline;

/// <summary>
/// Writes a file as <see cref="ChecksummedReader"/> reads it: the body, hashed as it goes by in large chunks, then on
/// <see cref="Finish"/> its XXH128. The file is the caller's: disposing this writes and closes nothing.
/// </summary>
internal sealed class ChecksummedWriter(Stream file) : Stream
{
    private readonly XxHash128 checksum = new();
    private readonly byte[] chunk = new byte[64 * 1024];
    private int filled;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Writes what is left of the body, then its checksum.</summary>
    public void Finish()
    {
        Flush();
        file.Write(checksum.GetHashAndReset());
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var count = Math.Min(buffer.Length, chunk.Length - filled);
            buffer[..count].CopyTo(chunk.AsSpan(filled));
            filled += count;
            buffer = buffer[count..];
            if (filled == chunk.Length)
                Flush();
        }
    }

    /// <summary>Hashes and writes the bytes held so far.</summary>
    public override void Flush()
    {
        checksum.Append(chunk.AsSpan(0, filled));
        file.Write(chunk, 0, filled);
        filled = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
