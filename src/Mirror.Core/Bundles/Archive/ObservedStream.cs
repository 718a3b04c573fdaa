using System.Buffers;

namespace Mirror.Core.Bundles.Archive;

/// <summary>
/// A read-only stream that shows every byte it passes on to an observer, exactly once and in order: the one read of
/// a bundle feeds the gunzip/tar reader, the signature check, the SHA-256 and the copy into the site together.
/// </summary>
internal sealed class ObservedStream(Stream inner, Action<ReadOnlySpan<byte>> observer) : ForwardReadStream
{
    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        if (read > 0)
        {
            observer(buffer[..read]);
        }

        return read;
    }

    /// <summary>Reads whatever the consumer left unread, so that the observer sees the whole file.</summary>
    public void DrainToEnd()
    {
        // Borrowed: every bundle is drained (twice, as the reader and then the checker make sure of it).
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (Read(buffer) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
