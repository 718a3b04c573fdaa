namespace Mirror.OpenPgp.Verification;

/// <summary>
/// The top-level packets of binary OpenPGP data as they are on the wire (RFC 4880 §4.2), read without BouncyCastle:
/// it skips signature packets of versions it does not verify (v6) and re-encodes the ones it parses, so on its own
/// it cannot say which version a packet was, nor whether the bytes were encoded as Mattermost will read them.
/// </summary>
internal static class RawPackets
{
    public const int SignatureTag = 2;

    /// <summary>The packets up to the end of the data or the first malformed header.</summary>
    public static IEnumerable<(int Tag, byte[] Body)> Read(byte[] binary)
    {
        var position = 0;
        while (position < binary.Length)
        {
            var header = binary[position];
            if ((header & 0x80) == 0)
                yield break;
            int tag, bodyStart;
            long length;
            if ((header & 0x40) != 0)
            {
                tag = header & 0x3f;
                if (!TryNewFormatLength(binary, position + 1, out length, out bodyStart))
                    yield break;
            }
            else
            {
                tag = (header >> 2) & 0x0f;
                var octets = (header & 3) switch { 0 => 1, 1 => 2, 2 => 4, _ => 0 };
                if (octets == 0 || position + 1 + octets > binary.Length)
                    yield break;
                length = 0;
                for (var i = 0; i < octets; i++)
                    length = (length << 8) | binary[position + 1 + i];
                bodyStart = position + 1 + octets;
            }

            if (bodyStart + length > binary.Length)
                yield break;
            yield return (tag, binary[bodyStart..(int)(bodyStart + length)]);
            position = (int)(bodyStart + length);
        }
    }

    private static bool TryNewFormatLength(byte[] binary, int at, out long length, out int bodyStart)
    {
        length = 0;
        bodyStart = at;
        if (at >= binary.Length)
            return false;
        var first = binary[at];
        if (first < 192)
        {
            length = first;
            bodyStart = at + 1;
        }
        else if (first < 224 && at + 1 < binary.Length)
        {
            length = ((first - 192) << 8) + binary[at + 1] + 192;
            bodyStart = at + 2;
        }
        else if (first == 255 && at + 4 < binary.Length)
        {
            length = ((long)binary[at + 1] << 24) | ((long)binary[at + 2] << 16) | ((long)binary[at + 3] << 8) | binary[at + 4];
            bodyStart = at + 5;
        }
        else
        {
            return false;
        }

        return true;
    }
}
