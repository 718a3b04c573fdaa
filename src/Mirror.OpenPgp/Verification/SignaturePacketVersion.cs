namespace Mirror.OpenPgp.Verification;

/// <summary>
/// Reads the version octet of the first signature packet in binary OpenPGP data. BouncyCastle skips signature
/// packets of versions it does not verify (v6, say) and hands back an empty list, which would read as "no signature";
/// this says which version it was.
/// </summary>
internal static class SignaturePacketVersion
{
    private const int SignatureTag = 2;

    public static int? FirstIn(byte[] binary)
    {
        var position = 0;
        while (position < binary.Length)
        {
            var header = binary[position];
            if ((header & 0x80) == 0)
                return null;
            int tag, bodyStart;
            long length;
            if ((header & 0x40) != 0)
            {
                tag = header & 0x3f;
                if (!TryNewFormatLength(binary, position + 1, out length, out bodyStart))
                    return null;
            }
            else
            {
                tag = (header >> 2) & 0x0f;
                var octets = (header & 3) switch { 0 => 1, 1 => 2, 2 => 4, _ => 0 };
                if (octets == 0 || position + 1 + octets > binary.Length)
                    return null;
                length = 0;
                for (var i = 0; i < octets; i++)
                    length = (length << 8) | binary[position + 1 + i];
                bodyStart = position + 1 + octets;
            }

            if (bodyStart >= binary.Length)
                return null;
            if (tag == SignatureTag)
                return binary[bodyStart];
            position = (int)Math.Min(binary.Length, bodyStart + length);
        }

        return null;
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
