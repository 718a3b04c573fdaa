using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Verification;

/// <summary>The signature packets of a detached signature file, binary or ASCII-armored.</summary>
internal sealed class DetachedSignatureFile
{
    public const long MaxBytes = 64 * 1024;

    private DetachedSignatureFile(IReadOnlyList<PgpSignature> signatures, bool armored)
    {
        Signatures = signatures;
        IsArmored = armored;
    }

    public IReadOnlyList<PgpSignature> Signatures { get; }

    public bool IsArmored { get; }

    /// <exception cref="SignatureRefusedException">Not a detached signature file.</exception>
    public static DetachedSignatureFile Parse(byte[] bytes)
    {
        if (bytes.Length == 0)
            throw Malformed("empty signature file");
        if (bytes.Length > MaxBytes)
            throw Malformed($"signature file too large ({bytes.Length} bytes)");

        var armored = LooksArmored(bytes);
        if (armored)
            RequireStrictArmorLines(bytes);
        var signatures = new List<PgpSignature>();
        byte[] binary = [];
        try
        {
            using var decoder = PgpUtilities.GetDecoderStream(new MemoryStream(bytes));
            using var decoded = new MemoryStream();
            decoder.CopyTo(decoded);
            binary = decoded.ToArray();
            Collect(new PgpObjectFactory(binary), signatures);
        }
        catch (SignatureRefusedException)
        {
            throw;
        }
        catch (Exception e) when (MalformedInput.Is(e))
        {
            // BouncyCastle's own words ("Premature end of stream in PartialInputStream") mean nothing to an admin.
            throw Malformed("not a readable OpenPGP signature: it is truncated or damaged");
        }

        var rawSignatures = RawPackets.Read(binary).Where(p => p.Tag == RawPackets.SignatureTag).Select(p => p.Body).ToList();
        if (signatures.Count == 0 && rawSignatures.FirstOrDefault() is [var version, ..] && version != 4)
        {
            throw new SignatureRefusedException(SignatureRefusal.UnsupportedPacketVersion,
                $"v{version} signature packet; Mattermost verifies only v4 signatures");
        }

        if (signatures.Count == 0)
            throw Malformed("no signature packet in the file");
        RequireCanonical(signatures, rawSignatures);
        return new DetachedSignatureFile(signatures, armored);
    }

    /// <summary>
    /// BouncyCastle reads some damaged subpacket headers leniently and hashes its own re-encoding, so a signature
    /// whose bytes were altered can still verify here while GnuPG and Mattermost refuse it (found by the mutation
    /// test). Each v4 signature must re-encode to exactly the bytes in the file.
    /// </summary>
    private static void RequireCanonical(List<PgpSignature> parsed, List<byte[]> raw)
    {
        var rawV4 = raw.Where(body => body is [4, ..]).ToList();
        var parsedV4 = parsed.Where(s => s.Version == 4).ToList();
        if (rawV4.Count != parsedV4.Count)
            throw Malformed("the signature packets cannot be read the same way by every OpenPGP implementation");
        for (var i = 0; i < rawV4.Count; i++)
        {
            var reencoded = RawPackets.Read(parsedV4[i].GetEncoded()).Single().Body;
            if (!reencoded.AsSpan().SequenceEqual(rawV4[i]))
                throw Malformed("a signature packet is not encoded as OpenPGP requires (GnuPG and Mattermost would refuse it)");
        }
    }

    private static void Collect(PgpObjectFactory factory, List<PgpSignature> signatures)
    {
        while (factory.NextPgpObject() is { } item)
        {
            switch (item)
            {
                case PgpSignatureList list:
                    for (var i = 0; i < list.Count; i++)
                        signatures.Add(list[i]);
                    break;
                case PgpMarker:
                    break;
                case PgpCompressedData:
                    throw Malformed("the signature is wrapped in a compressed packet, which Mattermost does not read; sign with `gpg --detach-sign`");
                case PgpPublicKeyRing or PgpSecretKeyRing:
                    throw Malformed("this is a key, not a detached signature");
                case PgpOnePassSignatureList or PgpLiteralData:
                    throw Malformed("this is a signed message (gpg --sign), not a detached signature (gpg --detach-sign)");
                default:
                    throw Malformed($"unexpected {item.GetType().Name} instead of a detached signature");
            }
        }
    }

    /// <summary>Every binary OpenPGP packet starts with a tag octet whose high bit is set; BouncyCastle decodes anything else as armor.</summary>
    private static bool LooksArmored(byte[] bytes) => (bytes[0] & 0x80) == 0;

    /// <summary>
    /// BouncyCastle reads a damaged armor header line ("-----BEGIN PGP SIGNATURE--BEGIN…") that GnuPG and Mattermost's
    /// armor decoder refuse (found by the mutation test): require the exact lines they require.
    /// </summary>
    private static void RequireStrictArmorLines(byte[] bytes)
    {
        var lines = System.Text.Encoding.ASCII.GetString(bytes).Split('\n').Select(l => l.TrimEnd('\r', ' ', '\t')).ToList();
        var begin = lines.FindIndex(l => l.StartsWith("-----BEGIN ", StringComparison.Ordinal));
        if (begin < 0)
            throw Malformed($"not an OpenPGP signature: neither binary packets nor an ASCII-armored \"{BeginLine}\" block");
        if (lines[begin].Contains("KEY BLOCK", StringComparison.Ordinal))
            throw Malformed($"{lines[begin].Trim('-')}: this is a key, not a detached signature");
        if (lines[begin] != BeginLine)
            throw Malformed($"the ASCII armor's first line is not exactly \"{BeginLine}\"");
        if (!lines.Skip(begin + 1).Contains(EndLine))
            throw Malformed($"the ASCII armor has no \"{EndLine}\" line");
    }

    private const string BeginLine = "-----BEGIN PGP SIGNATURE-----";
    private const string EndLine = "-----END PGP SIGNATURE-----";

    private static SignatureRefusedException Malformed(string message) =>
        new(SignatureRefusal.Malformed, message);
}
