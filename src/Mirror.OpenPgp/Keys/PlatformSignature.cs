using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

/// <summary>
/// Checks a v4 signature over data held in memory (a key's self-signatures) with the platform's cryptography: the
/// signed hash covers the data, then the signature's hashed trailer (RFC 4880 §5.2.4).
/// </summary>
internal static class PlatformSignature
{
    /// <summary>True or false when the platform could judge the signature; null when BouncyCastle must.</summary>
    public static bool? Verify(PgpSignature signature, PgpPublicKey signer, ReadOnlySpan<byte> signedData)
    {
        if (signature.Version != 4 || signer.Version != 4 || !KeyAlgorithms.SameFamily(signature.KeyAlgorithm, signer.Algorithm) ||
            PlatformKey.HashName(signature.HashAlgorithm) is not { } name || PlatformKey.For(signer) is not { } key)
        {
            return null;
        }

        using var hash = IncrementalHash.CreateHash(name);
        hash.AppendData(signedData);
        hash.AppendData(signature.GetSignatureTrailer());
        return key.Verify(signature.HashAlgorithm, hash.GetHashAndReset(), signature);
    }

    /// <summary>How a v4 key is hashed into a certification: 0x99, a two-octet length, the key packet's body.</summary>
    public static byte[] KeyBlock(PgpPublicKey key)
    {
        var body = key.PublicKeyPacket.GetEncodedContents();
        return [0x99, (byte)(body.Length >> 8), (byte)body.Length, .. body];
    }

    /// <summary>How a user ID is hashed into a v4 certification: 0xB4, a four-octet length, its bytes as the packet holds them.</summary>
    public static byte[] UserIdBlock(byte[] userId)
    {
        var block = new byte[5 + userId.Length];
        block[0] = 0xB4;
        BinaryPrimitives.WriteInt32BigEndian(block.AsSpan(1), userId.Length);
        userId.CopyTo(block, 5);
        return block;
    }
}
