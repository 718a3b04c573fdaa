using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Crypto;

namespace Mirror.OpenPgp.Verification;

/// <summary>
/// A SHA-2 digest computed by the platform (hardware-accelerated) for BouncyCastle's RSA verifier: BouncyCastle's
/// managed SHA-256 made hashing most of the cost of checking a large bundle (see the README's Performance section).
/// </summary>
internal sealed class PlatformDigest : IDigest
{
    private readonly IncrementalHash hash;
    private readonly int blockSize;

    private PlatformDigest(HashAlgorithmName name, string algorithmName, int size, int blockSize, DerObjectIdentifier oid)
    {
        hash = IncrementalHash.CreateHash(name);
        AlgorithmName = algorithmName;
        DigestSize = size;
        this.blockSize = blockSize;
        Oid = oid;
    }

    public string AlgorithmName { get; }

    /// <summary>What the PKCS#1 DigestInfo of the signature names.</summary>
    public DerObjectIdentifier Oid { get; }

    private int DigestSize { get; }

    /// <summary>The platform's digest for an OpenPGP hash algorithm, or null for one it does not offer (SHA-224).</summary>
    public static PlatformDigest? For(HashAlgorithmTag hash) => hash switch
    {
        HashAlgorithmTag.Sha256 => new(HashAlgorithmName.SHA256, "SHA-256", 32, 64, NistObjectIdentifiers.IdSha256),
        HashAlgorithmTag.Sha384 => new(HashAlgorithmName.SHA384, "SHA-384", 48, 128, NistObjectIdentifiers.IdSha384),
        HashAlgorithmTag.Sha512 => new(HashAlgorithmName.SHA512, "SHA-512", 64, 128, NistObjectIdentifiers.IdSha512),
        _ => null,
    };

    public int GetDigestSize() => DigestSize;

    public int GetByteLength() => blockSize;

    public void Update(byte input) => hash.AppendData([input]);

    public void BlockUpdate(byte[] input, int inOff, int inLen) => hash.AppendData(input, inOff, inLen);

    public void BlockUpdate(ReadOnlySpan<byte> input) => hash.AppendData(input);

    public int DoFinal(byte[] output, int outOff) => DoFinal(output.AsSpan(outOff));

    public int DoFinal(Span<byte> output) => hash.GetHashAndReset(output);

    public void Reset() => hash.GetHashAndReset();
}
