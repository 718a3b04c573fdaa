namespace Mirror.Core.Bundles.Archive;

/// <summary>Counts what is read through it and stops the read with a refusal once a cap is passed.</summary>
internal sealed class CountingStream(Stream inner, long cap, Func<long, string> describeCap) : Stream
{
    public long Count { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Count += read;
        if (Count > cap)
            throw new BundleRefusedException(BundleRefusalCodes.TooLarge, describeCap(cap));
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Count; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
