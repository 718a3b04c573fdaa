namespace Mirror.Core.Bundles.Archive;

/// <summary>
/// A read-only stream that shows every byte it passes on to an observer, exactly once and in order: the one read of
/// a bundle feeds the gunzip/tar reader, the signature check, the SHA-256 and the copy into the site together.
/// </summary>
internal sealed class ObservedStream(Stream inner, Action<ReadOnlySpan<byte>> observer) : ForwardReadStream
{
    private readonly byte[] tail = new byte[8];
    private int tailLength;

    public long BytesRead { get; private set; }

    /// <summary>The last (up to) 8 bytes read: the gzip trailer when the whole file has been read.</summary>
    public ReadOnlySpan<byte> Tail => tail.AsSpan(0, tailLength);

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        if (read > 0)
        {
            var chunk = buffer[..read];
            observer(chunk);
            BytesRead += read;
            RememberTail(chunk);
        }

        return read;
    }

    /// <summary>Reads whatever the consumer left unread, so that the observer sees the whole file.</summary>
    public void DrainToEnd()
    {
        var buffer = new byte[81920];
        while (Read(buffer) > 0)
        {
        }
    }

    private void RememberTail(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length >= tail.Length)
        {
            chunk[^tail.Length..].CopyTo(tail);
            tailLength = tail.Length;
            return;
        }

        var keep = Math.Min(tailLength, tail.Length - chunk.Length);
        tail.AsSpan(tailLength - keep, keep).CopyTo(tail);
        chunk.CopyTo(tail.AsSpan(keep));
        tailLength = keep + chunk.Length;
    }
}
