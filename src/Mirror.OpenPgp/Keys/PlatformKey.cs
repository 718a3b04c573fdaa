using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

/// <summary>
/// An OpenPGP public key imported once into the platform's cryptography (OpenSSL on Linux), straight from the numbers
/// of its key packet. BouncyCastle's BigInteger made one RSA-3072 check cost 1–1.5 ms against 0.04 ms here, and
/// BouncyCastle re-tests an RSA modulus for primality each time it converts a key (~50 ms warm, ~400 ms cold);
/// BouncyCastle still parses every packet. Keys the platform cannot take (EdDSA, odd curves or DSA sizes) get no
/// platform key and stay with BouncyCastle.
/// </summary>
internal abstract class PlatformKey
{
    private static readonly ConditionalWeakTable<PgpPublicKey, Holder> Cache = [];

    /// <summary>The platform key for <paramref name="key"/>, converted on first use, or null.</summary>
    public static PlatformKey? For(PgpPublicKey key) => Cache.GetValue(key, k => new Holder(Convert(k))).Key;

    /// <summary>
    /// Checks a signature value over <paramref name="hash"/>; null when the platform cannot judge it (a hash it does
    /// not offer), so that the caller asks BouncyCastle instead.
    /// </summary>
    public bool? Verify(HashAlgorithmTag tag, ReadOnlySpan<byte> hash, PgpSignature signature)
    {
        if (HashName(tag) is not { } name)
            return null;
        try
        {
            return Verify(name, hash, signature.GetSignature());
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The platform's name for an OpenPGP hash, or null (SHA-224 and the legacy ones, SHA-1 among them, stay with BouncyCastle).</summary>
    public static HashAlgorithmName? HashName(HashAlgorithmTag tag) => tag switch
    {
        HashAlgorithmTag.Sha256 => HashAlgorithmName.SHA256,
        HashAlgorithmTag.Sha384 => HashAlgorithmName.SHA384,
        HashAlgorithmTag.Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };

    protected abstract bool Verify(HashAlgorithmName name, ReadOnlySpan<byte> hash, byte[] signature);

    private static PlatformKey? Convert(PgpPublicKey key)
    {
        try
        {
            return key.PublicKeyPacket.Key switch
            {
                RsaPublicBcpgKey rsa when key.Algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign =>
                    new Rsa(new RSAParameters { Modulus = rsa.Modulus.ToByteArrayUnsigned(), Exponent = rsa.PublicExponent.ToByteArrayUnsigned() }),
                ECDsaPublicBcpgKey ec when key.Algorithm == PublicKeyAlgorithmTag.ECDsa => EcDsa.From(ec),
                DsaPublicBcpgKey dsa when key.Algorithm == PublicKeyAlgorithmTag.Dsa => new Dsa(new DSAParameters
                {
                    P = dsa.P.ToByteArrayUnsigned(),
                    Q = dsa.Q.ToByteArrayUnsigned(),
                    G = dsa.G.ToByteArrayUnsigned(),
                    Y = dsa.Y.ToByteArrayUnsigned(),
                }),
                _ => null,
            };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    private sealed record Holder(PlatformKey? Key);

    /// <summary>One platform object per key, shared by the checking threads one at a time (a check takes microseconds).</summary>
    private sealed class Rsa(RSAParameters parameters) : PlatformKey
    {
        private readonly RSA rsa = RSA.Create(parameters);
        private readonly int length = parameters.Modulus!.Length;

        protected override bool Verify(HashAlgorithmName name, ReadOnlySpan<byte> hash, byte[] signature)
        {
            // The signature is an MPI without leading zeros; PKCS#1 wants it as long as the modulus.
            if (signature.Length > length)
                return false;
            var padded = new byte[length];
            signature.CopyTo(padded, length - signature.Length);
            lock (rsa)
                return rsa.VerifyHash(hash, padded, name, RSASignaturePadding.Pkcs1);
        }
    }

    private sealed class EcDsa(ECDsa ecdsa) : PlatformKey
    {
        public static EcDsa? From(ECDsaPublicBcpgKey key)
        {
            var point = key.EncodedPoint.ToByteArrayUnsigned();
            if (point.Length < 3 || point[0] != 0x04 || point.Length % 2 == 0)
                return null;
            var size = (point.Length - 1) / 2;
            return new EcDsa(ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.CreateFromValue(key.CurveOid.Id),
                Q = new ECPoint { X = point[1..(1 + size)], Y = point[(1 + size)..] },
            }));
        }

        protected override bool Verify(HashAlgorithmName name, ReadOnlySpan<byte> hash, byte[] signature)
        {
            lock (ecdsa)
                return ecdsa.VerifyHash(hash, signature, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    private sealed class Dsa(DSAParameters parameters) : PlatformKey
    {
        private readonly DSA dsa = DSA.Create(parameters);

        protected override bool Verify(HashAlgorithmName name, ReadOnlySpan<byte> hash, byte[] signature)
        {
            lock (dsa)
                return dsa.VerifySignature(hash, signature, DSASignatureFormat.Rfc3279DerSequence);
        }
    }
}
