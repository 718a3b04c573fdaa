using Mirror.OpenPgp.Keys;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Mirror.OpenPgp.Verification;

/// <summary>
/// The cryptographic check of one v4 signature over streamed data. RSA signatures (nearly all plugin signatures) are
/// checked with the key converted once per key (see <see cref="SigningKeyStatus.VerificationKey"/>): the signed hash
/// covers the data, then the signature's hashed trailer, and the value is a PKCS#1 v1.5 signature (RFC 4880 §5.2.4).
/// Other algorithms go through BouncyCastle's own <c>PgpSignature</c> verification.
/// </summary>
internal abstract class SignatureCheck
{
    public abstract void Update(ReadOnlySpan<byte> data);

    public abstract bool Verify();

    public static SignatureCheck For(PgpSignature signature, SigningKeyStatus key) =>
        key.Key.Algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign
            ? new Rsa(signature, key)
            : new Generic(signature, key);

    private sealed class Rsa : SignatureCheck
    {
        private readonly PgpSignature signature;
        private readonly ISigner signer;

        public Rsa(PgpSignature signature, SigningKeyStatus key)
        {
            this.signature = signature;
            signer = SignerUtilities.GetSigner($"{DigestName(signature.HashAlgorithm)}WITHRSA");
            signer.Init(false, key.VerificationKey);
        }

        public override void Update(ReadOnlySpan<byte> data) => signer.BlockUpdate(data);

        public override bool Verify()
        {
            signer.BlockUpdate(signature.GetSignatureTrailer());
            return signer.VerifySignature(signature.GetSignature());
        }

        private static string DigestName(HashAlgorithmTag hash) => hash switch
        {
            HashAlgorithmTag.Sha224 => "SHA224",
            HashAlgorithmTag.Sha256 => "SHA256",
            HashAlgorithmTag.Sha384 => "SHA384",
            HashAlgorithmTag.Sha512 => "SHA512",
            _ => throw new PgpException($"hash algorithm {hash} is not accepted for signatures"),
        };
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
