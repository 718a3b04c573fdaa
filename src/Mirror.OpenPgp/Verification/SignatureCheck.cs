using Mirror.OpenPgp.Keys;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Signers;

namespace Mirror.OpenPgp.Verification;

/// <summary>
/// The cryptographic check of one v4 signature over streamed data. RSA signatures with SHA-256/384/512 (nearly all
/// plugin signatures) are checked with the key converted once per key (see <see cref="SigningKeyStatus.VerificationKey"/>)
/// and the platform's hashing: the signed hash covers the data, then the signature's hashed trailer, and the value is a
/// PKCS#1 v1.5 signature (RFC 4880 §5.2.4). Anything else goes through BouncyCastle's own <c>PgpSignature</c> verification.
/// </summary>
internal abstract class SignatureCheck
{
    public abstract void Update(ReadOnlySpan<byte> data);

    public abstract bool Verify();

    public static SignatureCheck For(PgpSignature signature, SigningKeyStatus key) =>
        key.Key.Algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign &&
            PlatformDigest.For(signature.HashAlgorithm) is { } digest
            ? new Rsa(signature, key, digest)
            : new Generic(signature, key);

    private sealed class Rsa : SignatureCheck
    {
        private readonly PgpSignature signature;
        private readonly RsaDigestSigner signer;

        public Rsa(PgpSignature signature, SigningKeyStatus key, PlatformDigest digest)
        {
            this.signature = signature;
            signer = new RsaDigestSigner(digest, digest.Oid);
            signer.Init(false, key.VerificationKey);
        }

        public override void Update(ReadOnlySpan<byte> data) => signer.BlockUpdate(data);

        public override bool Verify()
        {
            signer.BlockUpdate(signature.GetSignatureTrailer());
            return signer.VerifySignature(signature.GetSignature());
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
