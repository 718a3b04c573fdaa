namespace Mirror.Tests.Support;

/// <summary>Byte surgery on a binary v4 signature packet, to make well-formed packets no tool makes on request.</summary>
internal static class SignaturePackets
{
    /// <summary>The same signature with its unhashed area emptied: still valid maths, but no Issuer Key ID subpacket.</summary>
    public static byte[] WithoutUnhashedSubpackets(byte[] packet)
    {
        var body = Body(packet);
        var hashedLength = (body[4] << 8) | body[5];
        var unhashedStart = 6 + hashedLength;
        var unhashedLength = (body[unhashedStart] << 8) | body[unhashedStart + 1];
        var rebuilt = body[..unhashedStart].Concat(new byte[] { 0, 0 }).Concat(body[(unhashedStart + 2 + unhashedLength)..]).ToArray();
        return Wrap(rebuilt);
    }

    /// <summary>
    /// The same signature laid out as a v6 packet (RFC 9580: four-octet subpacket counts, a salt): well-formed,
    /// but a version Mattermost's verifier cannot read.
    /// </summary>
    public static byte[] AsVersion6(byte[] packet)
    {
        var body = Body(packet);
        var hashedLength = (body[4] << 8) | body[5];
        var hashed = body[6..(6 + hashedLength)];
        var unhashedStart = 6 + hashedLength;
        var unhashedLength = (body[unhashedStart] << 8) | body[unhashedStart + 1];
        var unhashed = body[(unhashedStart + 2)..(unhashedStart + 2 + unhashedLength)];
        var rest = body[(unhashedStart + 2 + unhashedLength)..];
        byte[] v6 =
        [
            6, body[1], body[2], body[3],
            .. FourOctets(hashed.Length), .. hashed,
            .. FourOctets(unhashed.Length), .. unhashed,
            rest[0], rest[1], 16, .. new byte[16], .. rest[2..],
        ];
        return Wrap(v6);
    }

    private static byte[] FourOctets(int n) => [(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n];

    private static byte[] Body(byte[] packet)
    {
        var tag = packet[0];
        if ((tag & 0x40) != 0)
        {
            var first = packet[1];
            return first < 192 ? packet[2..(2 + first)]
                : first < 224 ? packet[3..(3 + ((first - 192) << 8) + packet[2] + 192)]
                : packet[6..];
        }

        return (tag & 3) switch
        {
            0 => packet[2..(2 + packet[1])],
            1 => packet[3..(3 + ((packet[1] << 8) | packet[2]))],
            _ => packet[5..],
        };
    }

    /// <summary>An old-format signature packet (tag 2) with a two-octet length, as GnuPG writes.</summary>
    private static byte[] Wrap(byte[] body) => [0x89, (byte)(body.Length >> 8), (byte)body.Length, .. body];
}
