using Mirror.OpenPgp.Files;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

/// <summary>Reads the key rings of one file (armored or binary, one or several keys), public or private.</summary>
public static class KeyFileReader
{
    private const long MaxKeyFileBytes = 4 * 1024 * 1024;

    public static IReadOnlyList<PgpPublicKeyRing> ReadPublicKeys(string path, string displayName) =>
        ReadPublicKeys(ReadBytes(path, displayName), displayName);

    public static IReadOnlyList<PgpPublicKeyRing> ReadPublicKeys(byte[] bytes, string displayName) =>
        Read<PgpPublicKeyRing>(bytes, displayName, "public", item => item is PgpSecretKeyRing
            ? "is a PRIVATE key; only public keys belong here (export one with `gpg --armor --export`)"
            : null);

    public static IReadOnlyList<PgpSecretKeyRing> ReadPrivateKeys(string path, string displayName) =>
        Read<PgpSecretKeyRing>(ReadBytes(path, displayName), displayName, "private", item => item is PgpPublicKeyRing
            ? "is a PUBLIC key; signing needs the private key (`gpg --armor --export-secret-keys`, or private-key.asc from `mirror keys generate`)"
            : null);

    private static byte[] ReadBytes(string path, string displayName)
    {
        try
        {
            if (Directory.Exists(path))
                throw new KeyFileException(displayName, "is a folder, not a key file");
            if (!File.Exists(path) && !IsLink(path))
                throw new KeyFileException(displayName, "no such file");
            return RegularFile.ReadAll(path, MaxKeyFileBytes);
        }
        catch (FileRefusedException e) when (e.TooLarge)
        {
            throw new KeyFileException(displayName, $"too large for a key file (more than {MaxKeyFileBytes:N0} bytes)");
        }
        catch (FileRefusedException e)
        {
            throw new KeyFileException(displayName, $"{e.Message}; a key file must be one");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException(displayName, $"cannot be read: {e.Message}");
        }
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <param name="wrongKind">The reason when an item is a key of the other kind, else null.</param>
    private static List<T> Read<T>(byte[] bytes, string displayName, string kind, Func<object, string?> wrongKind)
    {
        if (bytes.Length == 0)
            throw new KeyFileException(displayName, $"empty file, not an OpenPGP {kind} key");

        if ((bytes[0] & 0x80) == 0 && !System.Text.Encoding.ASCII.GetString(bytes).Contains("-----BEGIN PGP", StringComparison.Ordinal))
            throw new KeyFileException(displayName, $"not an OpenPGP {kind} key: neither binary OpenPGP data nor an ASCII-armored key block");

        var rings = new List<T>();
        try
        {
            using var decoder = PgpUtilities.GetDecoderStream(new MemoryStream(bytes));
            var factory = new PgpObjectFactory(decoder);
            while (factory.NextPgpObject() is { } item)
            {
                if (item is T ring)
                    rings.Add(ring);
                else if (wrongKind(item) is { } reason)
                    throw new KeyFileException(displayName, reason);
                else if (item is not PgpMarker)
                    throw new KeyFileException(displayName, $"holds a {Describe(item)}, not an OpenPGP {kind} key");
            }
        }
        catch (KeyFileException)
        {
            throw;
        }
        catch (Exception e) when (MalformedInput.Is(e))
        {
            throw new KeyFileException(displayName, $"not a readable OpenPGP {kind} key ({e.Message.TrimEnd('.')})");
        }

        if (rings.Count == 0)
            throw new KeyFileException(displayName, $"no OpenPGP {kind} key found in it");
        return rings;
    }

    private static string Describe(object item) => item switch
    {
        PgpSignatureList => "signature",
        PgpCompressedData => "compressed message",
        PgpEncryptedDataList => "encrypted message",
        PgpLiteralData => "literal data packet",
        PgpPublicKeyRing => "public key",
        PgpSecretKeyRing => "private key",
        _ => item.GetType().Name,
    };
}
