namespace Mirror.OpenPgp.Verification;

/// <summary>Why a signature is not accepted: a stable code for machines and a sentence for people.</summary>
internal sealed record SignatureRefusal(string Code, string Message)
{
    public const string Missing = "unsigned";
    public const string Malformed = "malformed-signature";
    public const string UnsupportedPacketVersion = "unsupported-packet-version";
    public const string NotBinaryDocument = "not-binary-signature";
    public const string WeakHash = "weak-hash";
    public const string NoIssuer = "no-issuer";
    public const string UnknownSigner = "unknown-signer";
    public const string EdDsaKey = "eddsa-key";
    public const string UnsupportedKeyAlgorithm = "unsupported-key-algorithm";
    public const string KeyRevoked = "key-revoked";
    public const string KeyExpired = "key-expired";
    public const string KeyCannotSign = "key-cannot-sign";
    public const string BadSignature = "bad-signature";
}

/// <summary>Thrown while preparing a verification; carries the refusal.</summary>
internal sealed class SignatureRefusedException(SignatureRefusal refusal) : Exception(refusal.Message)
{
    public SignatureRefusal Refusal { get; } = refusal;

    public SignatureRefusedException(string code, string message) : this(new SignatureRefusal(code, message))
    {
    }
}
