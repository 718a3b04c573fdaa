namespace Mirror.Core.Bundles.Archive;

/// <summary>Counts what is read through it and stops the read with a refusal once a cap is passed.</summary>
internal sealed class CountingStream(Stream inner, long cap, Func<long, string> describeCap) : ForwardReadStream
{
    public long Count { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Count += read;
        if (Count > cap)
            throw new BundleRefusedException(BundleRefusalCodes.TooLarge, describeCap(cap));
        return read;
    }
}
