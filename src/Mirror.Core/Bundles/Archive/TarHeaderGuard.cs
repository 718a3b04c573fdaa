using System.Globalization;
using System.Text;

namespace Mirror.Core.Bundles.Archive;

/// <summary>
/// Follows the tar stream's headers as the bytes pass on their way to <c>TarReader</c>, and refuses a metadata entry
/// (PAX extended header, GNU long name or link) larger than <see cref="MaxMetadataBytes"/> before <c>TarReader</c>
/// allocates a buffer as large as the header claims (a 4 KB archive made it allocate 1.4 GB). Sparse entries are
/// refused too: their layout is not worth trusting to two parsers.
/// </summary>
internal sealed class TarHeaderGuard(Stream inner) : ForwardReadStream
{
    /// <summary>Far more than any real path or attribute set needs (paths are capped at 1 KB anyway).</summary>
    public const int MaxMetadataBytes = 64 * 1024;

    private const int BlockSize = 512;

    private readonly byte[] header = new byte[BlockSize];
    private int headerFilled;
    private long dataLeft;
    private byte[]? paxData;
    private int paxFilled;
    private long? paxSize;
    private bool paxGlobal;
    private bool ended;

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Follow(buffer[..read]);
        return read;
    }

    private void Follow(ReadOnlySpan<byte> chunk)
    {
        while (chunk.Length > 0 && !ended)
        {
            if (dataLeft > 0)
            {
                var take = (int)Math.Min(dataLeft, chunk.Length);
                if (paxData is not null)
                {
                    var copy = Math.Min(take, paxData.Length - paxFilled);
                    chunk[..copy].CopyTo(paxData.AsSpan(paxFilled));
                    paxFilled += copy;
                    // Judged as soon as whole, before the tar reader (which reads the records without their padding) parses them.
                    if (paxFilled == paxData.Length)
                    {
                        paxSize = PaxRecords(paxData, paxGlobal);
                        paxData = null;
                    }
                }

                dataLeft -= take;
                chunk = chunk[take..];
            }
            else
            {
                var take = Math.Min(BlockSize - headerFilled, chunk.Length);
                chunk[..take].CopyTo(header.AsSpan(headerFilled));
                headerFilled += take;
                chunk = chunk[take..];
                if (headerFilled == BlockSize)
                {
                    headerFilled = 0;
                    OnHeader();
                }
            }
        }
    }

    private void OnHeader()
    {
        if (!header.AsSpan().ContainsAnyExcept((byte)0))
        {
            ended = true;
            return;
        }

        RequireChecksum();
        var type = (char)header[156];
        var size = HeaderSize();
        switch (type)
        {
            case 'x' or 'g' or 'L' or 'K':
                if (size > MaxMetadataBytes)
                {
                    throw new BundleRefusedException(BundleRefusalCodes.TooLarge,
                        $"a tar metadata entry (type '{type}') of {size:N0} bytes, more than {Sizes.Describe(MaxMetadataBytes)}");
                }

                if (type is 'x' or 'g')
                {
                    paxData = new byte[size];
                    paxFilled = 0;
                    paxGlobal = type == 'g';
                }

                break;
            case 'S':
                throw new BundleRefusedException(BundleRefusalCodes.UnsafeEntry, "a sparse file entry; only folders and regular files belong in a bundle");
            default:
                // A PAX "size" record overrides the header's size field of the entry it precedes.
                size = paxSize ?? size;
                paxSize = null;
                break;
        }

        dataLeft = (size + BlockSize - 1) / BlockSize * BlockSize;
        if (dataLeft == 0 && paxData is not null)
        {
            paxSize = PaxRecords(paxData, paxGlobal);
            paxData = null;
        }
    }

    /// <summary>
    /// The header's checksum: the sum of its bytes with the checksum field as spaces, unsigned or (as old tars
    /// wrote it) signed, which Go's reader accepts too. Checked here so that a damaged header is named as one, not
    /// taken for the archive's end with the rest of the archive after it.
    /// </summary>
    private void RequireChecksum()
    {
        var field = Encoding.ASCII.GetString(header.AsSpan(148, 8)).Trim(' ', '\0');
        long stored = 0;
        foreach (var digit in field)
        {
            if (digit is < '0' or > '7')
                throw Damaged("a tar header whose checksum is not a number");
            stored = (stored << 3) + (digit - '0');
        }

        long unsigned = 8 * ' ', signed = 8 * ' ';
        for (var i = 0; i < BlockSize; i++)
        {
            if (i is < 148 or >= 156)
            {
                unsigned += header[i];
                signed += (sbyte)header[i];
            }
        }

        if (field.Length == 0 || (stored != unsigned && stored != signed))
            throw Damaged("a tar header that fails its checksum");
    }

    /// <summary>The size field: octal text, or base-256 when its first byte has the high bit set.</summary>
    private long HeaderSize()
    {
        var field = header.AsSpan(124, 12);
        if ((field[0] & 0x80) != 0)
        {
            if (field[0] != 0x80 || field[1..4].ContainsAnyExcept((byte)0))
                throw Damaged("a tar entry size out of range");
            long value = 0;
            foreach (var b in field[4..])
                value = (value << 8) | b;
            return value >= 0 ? value : throw Damaged("a tar entry size out of range");
        }

        var text = Encoding.ASCII.GetString(field).Trim(' ', '\0');
        long octal = 0;
        foreach (var digit in text)
        {
            if (digit is < '0' or > '7' || octal > (long.MaxValue >> 3))
                throw Damaged("a tar entry size that is not a number");
            octal = (octal << 3) + (digit - '0');
        }

        return octal;
    }

    /// <summary>
    /// PAX records are "LENGTH key=value\n", LENGTH the record's bytes. "size" overrides the next header's size
    /// (returned; never from a global header). Sparse files in every PAX form (GNU.sparse.* keys: formats 0.0, 0.1
    /// and 1.0) are refused: GNU tar rebuilds them from a map .NET does not read, and GNU.sparse.name renames the entry
    /// where .NET cannot see it. A "path" must pass the same checks as a header's name (the tar reader applies it as
    /// the name); a "linkpath" only serves link entries, which are refused anyway. A value holding a newline is valid
    /// PAX (Go reads it by LENGTH) but .NET ends the record there, so the two would read different keys.
    /// </summary>
    private static long? PaxRecords(byte[] data, bool global)
    {
        long? size = null;
        var rest = data.AsSpan();
        while (rest.Length > 0)
        {
            if (!TryRecord(rest, out var length, out var key, out var value))
                throw Damaged("a PAX extended header whose records are malformed (each must be \"LENGTH key=value\" and a newline, LENGTH its bytes)");
            rest = rest[length..];
            if (key.StartsWith("GNU.sparse.", StringComparison.Ordinal))
                throw new BundleRefusedException(BundleRefusalCodes.UnsafeEntry, $"a sparse file entry (PAX {key}); only folders and regular files belong in a bundle");
            if (key is "path" or "linkpath" && global)
                throw new BundleRefusedException(BundleRefusalCodes.UnsafeEntry, $"a PAX global header that sets \"{key}\" for every entry");
            if (key == "path")
                EntryPaths.Normalize(value);
            if (value.Contains('\n'))
                throw new BundleRefusedException(BundleRefusalCodes.UnsafeEntry, $"a PAX record \"{key}\" whose value holds a newline, which tar readers split differently");

            if (key == "size" && !global)
            {
                size = long.TryParse(value, out var parsed) && parsed >= 0
                    ? parsed
                    : throw Damaged("a PAX size record that is not a number");
            }
        }

        return size;
    }

    private static bool TryRecord(ReadOnlySpan<byte> data, out int length, out string key, out string value)
    {
        (key, value) = ("", "");
        var space = data.IndexOf((byte)' ');
        if (space <= 0 || !int.TryParse(data[..space], NumberStyles.None, CultureInfo.InvariantCulture, out length) ||
            length <= space + 1 || length > data.Length || data[length - 1] != '\n')
        {
            length = 0;
            return false;
        }

        var record = data[(space + 1)..(length - 1)];
        var equals = record.IndexOf((byte)'=');
        if (equals <= 0)
            return false;
        (key, value) = (Encoding.UTF8.GetString(record[..equals]), Encoding.UTF8.GetString(record[(equals + 1)..]));
        return true;
    }

    private static BundleRefusedException Damaged(string what) => new(BundleRefusalCodes.DamagedArchive, $"damaged archive: {what}");
}
