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
/// <remarks>
/// .NET's gunzip reports every damage with the same <see cref="InvalidDataException"/> (zlib's Z_DATA_ERROR, worded
/// "an unsupported compression method"), and a file that ends inside a member with no error at all. The marker tells
/// them apart: a gunzip that fails once it has read past the bundle's last byte was still inside a member there, the
/// file is cut short; one that fails before has met bytes that do not decompress or a CRC that does not match.
/// </remarks>
internal sealed class GzipEndMarker
{
    private const int PayloadBytes = 16;

    private readonly byte[] payload = RandomNumberGenerator.GetBytes(PayloadBytes);
    private readonly byte[] member;

    /// <summary>Whether the gunzip has read every byte of the bundle (and asked for more).</summary>
    private bool bundleRead;

    public GzipEndMarker()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(payload);
        member = buffer.ToArray();
    }

    /// <summary>The bundle's bytes, then the marker member: what the gunzip reads.</summary>
    public Stream Packed(Stream bundle) => new Concatenated(bundle, new MemoryStream(member, writable: false), this);

    /// <summary>The gunzip's output without the marker, refusing the bundle if the marker did not come out whole or the gunzip fails.</summary>
    public Stream Unpacked(Stream gunzip) => new WithoutMarker(gunzip, payload, this);

    /// <summary>The gunzip's refusal in plain words: it failed inside the bundle's bytes, or after them.</summary>
    private BundleRefusedException Damaged() => new(BundleRefusalCodes.DamagedArchive, bundleRead
        ? "damaged archive: the file ends in the middle of its gzip data (truncated)"
        : "damaged archive: the gzip data is corrupt (it does not decompress, or fails its CRC check)");

    private sealed class Concatenated(Stream first, Stream second, GzipEndMarker marker) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer)
        {
            if (!marker.bundleRead)
            {
                var read = first.Read(buffer);
                if (read > 0)
                    return read;
                marker.bundleRead = true;
            }

            return second.Read(buffer);
        }
    }

    /// <summary>Passes on all but the last <see cref="PayloadBytes"/> bytes; at the end, those must be the marker.</summary>
    private sealed class WithoutMarker(Stream inner, byte[] payload, GzipEndMarker marker) : ForwardReadStream
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
                int read;
                try
                {
                    read = inner.Read(scratch.AsSpan(heldCount, Math.Min(buffer.Length, scratch.Length - heldCount)));
                }
                catch (InvalidDataException)
                {
                    throw marker.Damaged();
                }

                var total = heldCount + read;
                if (read == 0)
                {
                    ended = true;
                    // The marker went missing: into a member the file cut short, or behind bytes that start none.
                    if (total != PayloadBytes || !scratch.AsSpan(0, PayloadBytes).SequenceEqual(payload))
                        throw marker.bundleRead ? marker.Damaged() : new BundleRefusedException(BundleRefusalCodes.DamagedArchive, "damaged archive: data after the last gzip member");
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
