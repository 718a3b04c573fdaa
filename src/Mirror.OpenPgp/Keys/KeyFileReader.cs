using Mirror.OpenPgp.Files;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

/// <summary>Reads the key rings of one file (armored or binary, one or several keys), public or private.</summary>
internal static class KeyFileReader
{
    private const long MaxKeyFileBytes = 4 * 1024 * 1024;

    private const string ArmorStart = "-----BEGIN PGP";

    private static ReadOnlySpan<byte> ArmorStartBytes => "-----BEGIN PGP"u8;

    public static IReadOnlyList<PgpPublicKeyRing> ReadPublicKeys(string path, string displayName) =>
        ReadPublicKeys(ReadBytes(path, displayName), displayName);

    /// <summary>
    /// The public keys of a file. A key revocation certificate in it (as <c>cat key.asc key.rev</c> makes) that revokes
    /// a key of the same file joins that key's ring, as it would in <c>keys/</c>: the key then reads as revoked.
    /// </summary>
    public static IReadOnlyList<PgpPublicKeyRing> ReadPublicKeys(byte[] bytes, string displayName)
    {
        const string Wanted = "a public key";
        var (keys, revocations) = ReadKeysAndRevocations(bytes, displayName, Wanted);
        var rings = Require(keys, displayName, "public key");

        foreach (var revocation in revocations)
        {
            var revoked = false;
            for (var i = 0; i < rings.Count; i++)
            {
                if (SelfSignatures.WithRevocation(rings[i], revocation) is { } ring)
                    (rings[i], revoked) = (ring, true);
            }

            if (!revoked)
            {
                throw new KeyFileException(displayName, NotWanted(Wanted, rings.Any(ring => ring.GetPublicKey().KeyId == revocation.KeyId)
                    ? "a key revocation certificate that does not verify: damaged, or not made by the key it names"
                    : "a key revocation certificate for a key that is not in the file"));
            }
        }

        return rings;
    }

    public static IReadOnlyList<PgpSecretKeyRing> ReadPrivateKeys(string path, string displayName) =>
        Require(Read<PgpSecretKeyRing>(ReadBytes(path, displayName), displayName, "private", item => item is PgpPublicKeyRing
            ? "is a PUBLIC key; signing needs the private key (`gpg --armor --export-secret-keys`, or private-key.asc from `mirror keys generate`)"
            : NotWanted("a private key", Describe(item))), displayName, "private key");

    /// <summary>
    /// A file of trusted keys: public keys, and key revocation certificates standing alone, as <c>gpg --gen-revoke</c>
    /// writes them or as gpg keeps them in <c>openpgp-revocs.d</c> (the colon it puts before their armor, against an
    /// import by mistake, is ignored here: the file was put among the trusted keys on purpose).
    /// </summary>
    public static (IReadOnlyList<PgpPublicKeyRing> Keys, IReadOnlyList<PgpSignature> Revocations) ReadTrustedKeys(string path, string displayName)
    {
        var (keys, revocations) = ReadKeysAndRevocations(WithoutGpgColon(ReadBytes(path, displayName)), displayName,
            "a public key or key revocation certificate");
        if (keys.Count == 0 && revocations.Count == 0)
            throw new KeyFileException(displayName, "no OpenPGP public key or key revocation certificate found in it");
        return (keys, revocations);
    }

    /// <param name="wanted">What the file should hold, for the reason it is refused when it holds something else.</param>
    private static (List<PgpPublicKeyRing> Keys, List<PgpSignature> Revocations) ReadKeysAndRevocations(byte[] bytes, string displayName, string wanted)
    {
        var revocations = new List<PgpSignature>();
        var keys = Read<PgpPublicKeyRing>(bytes, displayName, "public", item =>
        {
            if (KeyRevocations(item) is not { } signatures)
                return NotPublic(item, wanted);
            revocations.AddRange(signatures);
            return null;
        });
        return (keys, revocations);
    }

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

    /// <param name="other">For an item that is not a <typeparamref name="T"/> (nor a marker packet): why the file is
    /// refused, or null when the caller took the item.</param>
    private static List<T> Read<T>(byte[] bytes, string displayName, string kind, Func<object, string?> other)
    {
        if (bytes.Length == 0)
            throw new KeyFileException(displayName, $"empty file, not an OpenPGP {kind} key");

        if ((bytes[0] & 0x80) == 0 && !System.Text.Encoding.ASCII.GetString(bytes).Contains(ArmorStart, StringComparison.Ordinal))
            throw new KeyFileException(displayName, $"not an OpenPGP {kind} key: neither binary OpenPGP data nor an ASCII-armored key block");

        var rings = new List<T>();
        try
        {
            using var input = new MemoryStream(bytes, writable: false);
            long start;
            do
            {
                // Not disposed: that would close the input, which may hold another armored block.
                start = input.Position;
                var factory = new PgpObjectFactory(PgpUtilities.GetDecoderStream(input));
                while (factory.NextPgpObject() is { } item)
                {
                    if (item is T ring)
                        rings.Add(ring);
                    else if (item is not PgpMarker && other(item) is { } reason)
                        throw new KeyFileException(displayName, reason);
                }
            }
            // An armored block ends at its END line: files made by `cat a.asc b.asc` hold several, each one read.
            while (input.Position > start && bytes.AsSpan((int)input.Position).IndexOf(ArmorStartBytes) >= 0);
        }
        catch (KeyFileException)
        {
            throw;
        }
        catch (Exception e) when (MalformedInput.Is(e))
        {
            // BouncyCastle's own words ("Premature end of stream in PartialInputStream", "unknown object in stream
            // Trust") name its classes and packets, not what is wrong with the file.
            throw new KeyFileException(displayName, $"not a readable OpenPGP {kind} key: it is truncated or damaged");
        }

        return rings;
    }

    private static List<T> Require<T>(List<T> rings, string displayName, string kind) =>
        rings.Count > 0 ? rings : throw new KeyFileException(displayName, $"no OpenPGP {kind} found in it");

    private static string NotPublic(object item, string wanted) => item is PgpSecretKeyRing
        ? "is a PRIVATE key; only public keys belong here (export one with `gpg --armor --export`)"
        : NotWanted(wanted, Describe(item));

    /// <summary>Why a file is refused for an item in it that is OpenPGP data, but not <paramref name="wanted"/>.</summary>
    private static string NotWanted(string wanted, string? found) =>
        found is null ? $"holds OpenPGP data that is not {wanted}" : $"holds OpenPGP data that is not {wanted} ({found})";

    /// <summary>The signatures of <paramref name="item"/> when it holds key revocations and nothing else, else null.</summary>
    private static List<PgpSignature>? KeyRevocations(object item)
    {
        var signatures = item is PgpSignatureList list ? Enumerable.Range(0, list.Count).Select(i => list[i]).ToList() : [];
        return signatures.Count == 0 || signatures.Any(s => s.SignatureType != PgpSignature.KeyRevocation) ? null : signatures;
    }

    /// <summary>The armor of a file that is not binary, without the colon gpg puts at the start of a line before it.</summary>
    private static byte[] WithoutGpgColon(byte[] bytes)
    {
        if (bytes.Length == 0 || (bytes[0] & 0x80) != 0)
            return bytes;
        var text = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!(bytes[i] == ':' && (i == 0 || bytes[i - 1] == '\n') && bytes.AsSpan(i + 1).StartsWith(ArmorStartBytes)))
                text.Add(bytes[i]);
        }

        return text.Count == bytes.Length ? bytes : [.. text];
    }

    /// <summary>What <paramref name="item"/> is, in words (never a BouncyCastle type name), or null when there are none for it.</summary>
    private static string? Describe(object item) => item switch
    {
        PgpSignatureList or PgpOnePassSignatureList => "a signature",
        PgpCompressedData => "a compressed message",
        PgpEncryptedDataList => "an encrypted message",
        PgpLiteralData => "a message",
        PgpPublicKeyRing => "a public key",
        PgpSecretKeyRing => "a private key",
        _ => null,
    };
}
