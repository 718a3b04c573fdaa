using System.Security.Cryptography;
using Mirror.OpenPgp.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Signers;

namespace Mirror.OpenPgp.Verification;

/// <summary>
/// The cryptographic check of one v4 signature over streamed data. Where the platform has the key's algorithm and the
/// hash (RSA, ECDSA, DSA with SHA-256/384/512: nearly all plugin signatures) the hash is the platform's and so is
/// the check (see <see cref="PlatformKey"/>); a SHA-256 signature shares the hash the caller computes for the report
/// (cloned before the signature's trailer is added), so each bundle is hashed once. Anything else goes through
/// BouncyCastle's own <c>PgpSignature</c> verification.
/// </summary>
internal abstract class SignatureCheck : IDisposable
{
    public abstract void Update(ReadOnlySpan<byte> data);

    public abstract bool Verify();

    public virtual void Dispose()
    {
    }

    /// <param name="dataSha256">The SHA-256 of the signed data, fed by the caller; null when the caller keeps none.</param>
    public static SignatureCheck For(PgpSignature signature, SigningKeyStatus key, IncrementalHash? dataSha256)
    {
        if (signature.Version != 4 || !KeyAlgorithms.SameFamily(signature.KeyAlgorithm, key.Key.Algorithm) ||
            PlatformKey.HashName(signature.HashAlgorithm) is not { } name || PlatformKey.For(key.Key) is not { } platform)
        {
            return new Generic(signature, key);
        }

        return name == HashAlgorithmName.SHA256 && dataSha256 is not null
            ? new Platform(signature, key, platform, dataSha256, shared: true)
            : new Platform(signature, key, platform, IncrementalHash.CreateHash(name), shared: false);
    }

    private sealed class Platform(PgpSignature signature, SigningKeyStatus key, PlatformKey platform, IncrementalHash hash, bool shared)
        : SignatureCheck
    {
        public override void Update(ReadOnlySpan<byte> data)
        {
            if (!shared)
                hash.AppendData(data);
        }

        public override bool Verify()
        {
            using var signed = hash.Clone();
            signed.AppendData(signature.GetSignatureTrailer());
            var digest = signed.GetHashAndReset();
            return platform.Verify(signature.HashAlgorithm, digest, signature) ?? BouncyCastleOverHash(digest);
        }

        public override void Dispose()
        {
            if (!shared)
                hash.Dispose();
            base.Dispose();
        }

        /// <summary>For a DSA or ECDSA key whose parameters the platform turned down at check time: the same hash, checked by BouncyCastle.</summary>
        private bool BouncyCastleOverHash(byte[] digest)
        {
            IDsa signer = key.Key.Algorithm switch
            {
                PublicKeyAlgorithmTag.Dsa => new DsaSigner(),
                PublicKeyAlgorithmTag.ECDsa => new ECDsaSigner(),
                _ => throw new PgpException("the platform could not check this RSA signature"),
            };
            signer.Init(false, key.Key.GetKey());
            var values = Asn1Sequence.GetInstance(signature.GetSignature());
            return signer.VerifySignature(digest, DerInteger.GetInstance(values[0]).Value, DerInteger.GetInstance(values[1]).Value);
        }
    }

    private sealed class Generic : SignatureCheck
    {
        private readonly PgpSignature signature;

        public Generic(PgpSignature signature, SigningKeyStatus key)
        {
            this.signature = signature;
            signature.InitVerify(key.Key);
        }

        public override void Update(ReadOnlySpan<byte> data) => signature.Update(data);

        public override bool Verify() => signature.Verify();
    }
}
