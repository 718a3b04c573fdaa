using System.IO.Compression;
using System.Security.Cryptography;

namespace Mirror.Core.Bundles.Archive;

/// <summary>
/// Proves that the gzip members of a bundle run to the end of the file. .NET's gunzip reads member after member (a
/// multi-member gzip is valid, and Mattermost's reader accepts it) but stops quietly at bytes that do not start a
/// member, so data smuggled after the last member would go unseen. One more member, of random bytes unknown to the
/// bundle's author, is appended after the file's end: its bytes come out of the gunzip only if every byte before it
/// was a whole gzip member. <see cref="Unpacked"/> holds them back and checks them at the end.
/// </summary>
internal sealed class GzipEndMarker
{
    private const int PayloadBytes = 16;

    private readonly byte[] payload = RandomNumberGenerator.GetBytes(PayloadBytes);
    private readonly byte[] member;

    public GzipEndMarker()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(payload);
        member = buffer.ToArray();
    }

    /// <summary>The bundle's bytes, then the marker member: what the gunzip reads.</summary>
    public Stream Packed(Stream bundle) => new Concatenated(bundle, new MemoryStream(member, writable: false));

    /// <summary>The gunzip's output without the marker, refusing the bundle if the marker did not come out whole.</summary>
    public Stream Unpacked(Stream gunzip) => new WithoutMarker(gunzip, payload);

    private sealed class Concatenated(Stream first, Stream second) : ForwardReadStream
    {
        private bool firstDone;

        public override int Read(Span<byte> buffer)
        {
            if (!firstDone)
            {
                var read = first.Read(buffer);
                if (read > 0)
                    return read;
                firstDone = true;
            }

            return second.Read(buffer);
        }
    }

    /// <summary>Passes on all but the last <see cref="PayloadBytes"/> bytes; at the end, those must be the marker.</summary>
    private sealed class WithoutMarker(Stream inner, byte[] payload) : ForwardReadStream
    {
        private readonly byte[] held = new byte[PayloadBytes];
        private byte[] scratch = [];
        private int heldCount;
        private bool ended;

        public override int Read(Span<byte> buffer)
        {
            if (ended || buffer.Length == 0)
                return 0;
            if (scratch.Length < buffer.Length + PayloadBytes)
                scratch = new byte[buffer.Length + PayloadBytes];
            while (true)
            {
                held.AsSpan(0, heldCount).CopyTo(scratch);
                var read = inner.Read(scratch.AsSpan(heldCount, Math.Min(buffer.Length, scratch.Length - heldCount)));
                var total = heldCount + read;
                if (read == 0)
                {
                    ended = true;
                    if (total != PayloadBytes || !scratch.AsSpan(0, PayloadBytes).SequenceEqual(payload))
                        throw new BundleRefusedException(BundleRefusalCodes.DamagedArchive, "damaged archive: data after the last gzip member");
                    return 0;
                }

                var give = Math.Max(0, total - PayloadBytes);
                scratch.AsSpan(0, give).CopyTo(buffer);
                heldCount = total - give;
                scratch.AsSpan(give, heldCount).CopyTo(held);
                if (give > 0)
                    return give;
            }
        }
    }
}
