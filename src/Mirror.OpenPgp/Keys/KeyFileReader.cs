using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

/// <summary>Reads the public key rings of one file (armored or binary, one or several keys).</summary>
public static class KeyFileReader
{
    private const long MaxKeyFileBytes = 4 * 1024 * 1024;

    public static IReadOnlyList<PgpPublicKeyRing> ReadPublicKeys(string path, string displayName)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new KeyFileException(displayName, "no such file");
            if (info.Length > MaxKeyFileBytes)
                throw new KeyFileException(displayName, $"too large for a key file ({info.Length} bytes)");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException(displayName, $"cannot be read: {e.Message}");
        }

        return ReadPublicKeys(bytes, displayName);
    }

    public static IReadOnlyList<PgpPublicKeyRing> ReadPublicKeys(byte[] bytes, string displayName)
    {
        if (bytes.Length == 0)
            throw new KeyFileException(displayName, "empty file, not an OpenPGP public key");

        var rings = new List<PgpPublicKeyRing>();
        try
        {
            using var decoder = PgpUtilities.GetDecoderStream(new MemoryStream(bytes));
            var factory = new PgpObjectFactory(decoder);
            while (factory.NextPgpObject() is { } item)
            {
                switch (item)
                {
                    case PgpPublicKeyRing ring:
                        rings.Add(ring);
                        break;
                    case PgpSecretKeyRing:
                        throw new KeyFileException(displayName,
                            "is a PRIVATE key; only public keys belong here (export one with `gpg --armor --export`)");
                    case PgpMarker:
                        break;
                    default:
                        throw new KeyFileException(displayName, $"holds a {Describe(item)}, not an OpenPGP public key");
                }
            }
        }
        catch (KeyFileException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or PgpException or ArgumentException or InvalidOperationException
            or NotSupportedException or OverflowException or IndexOutOfRangeException)
        {
            throw new KeyFileException(displayName, $"not a readable OpenPGP public key ({e.Message.TrimEnd('.')})");
        }

        if (rings.Count == 0)
            throw new KeyFileException(displayName, "no OpenPGP public key found in it");
        return rings;
    }

    private static string Describe(object item) => item switch
    {
        PgpSignatureList => "signature",
        PgpCompressedData => "compressed message",
        PgpEncryptedDataList => "encrypted message",
        PgpLiteralData => "literal data packet",
        _ => item.GetType().Name,
    };
}
