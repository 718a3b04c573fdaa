using System.Security.Cryptography;
using Mirror.OpenPgp.Keys;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Verification;

/// <summary>
/// Checks one detached signature the way Mattermost will, plus our own policy, while the signed bytes stream past:
/// <see cref="Start"/> applies every check that needs no data, <see cref="Update"/> is fed the file's bytes in
/// order, <see cref="Finish"/> gives the verdict.
/// </summary>
internal sealed class SignatureVerifier
{
    /// <summary>Keys below this size are published with a warning (Mattermost accepts them).</summary>
    public const int RecommendedRsaBits = 3072;

    private SignatureCheck? check;
    private readonly SignatureDetails? details;
    private readonly SignatureRefusal? refusal;
    private readonly List<string> warnings = [];

    private SignatureVerifier(SignatureDetails? details, SignatureRefusal? refusal)
    {
        this.details = details;
        this.refusal = refusal;
    }

    /// <summary>A verifier that refuses whatever the data, for a bundle whose signature is already known bad.</summary>
    public static SignatureVerifier Refusing(SignatureRefusal refusal) => new(null, refusal);

    /// <param name="dataSha256">The SHA-256 the caller computes of the same data (fed before <see cref="Finish"/>), for a
    /// SHA-256 signature to share rather than hash the data twice; null when the caller keeps none.</param>
    public static SignatureVerifier Start(byte[] signatureFile, TrustedKeyring keyring, IncrementalHash? dataSha256 = null)
    {
        try
        {
            var file = DetachedSignatureFile.Parse(signatureFile);
            var (chosen, owner, key) = ChooseSignature(file, keyring);
            var details = new SignatureDetails(
                owner.Fingerprint,
                key.Fingerprint,
                owner.UserId,
                KeyAlgorithms.Name(key.Key.Algorithm),
                key.Key.BitStrength,
                KeyAlgorithms.HashName(chosen.HashAlgorithm),
                new DateTimeOffset(DateTime.SpecifyKind(chosen.CreationTime, DateTimeKind.Utc)),
                file.IsArmored);
            var verifier = new SignatureVerifier(details, Policy(chosen, owner, key, details));
            verifier.AddWarnings(owner, key);
            if (verifier.refusal is null)
                verifier.check = SignatureCheck.For(chosen, key, dataSha256);
            return verifier;
        }
        catch (SignatureRefusedException e)
        {
            return Refusing(e.Refusal);
        }
        catch (Exception e) when (MalformedInput.Is(e))
        {
            return Refusing(new SignatureRefusal(SignatureRefusal.Malformed, $"signature cannot be checked ({e.Message.TrimEnd('.')})"));
        }
    }

    public void Update(ReadOnlySpan<byte> data)
    {
        if (refusal is null)
            check!.Update(data);
    }

    public VerificationResult Finish()
    {
        if (refusal is not null)
            return VerificationResult.Refused(refusal, details);
        bool valid;
        try
        {
            valid = check!.Verify();
        }
        catch (Exception e) when (MalformedInput.Is(e))
        {
            valid = false;
        }
        finally
        {
            check!.Dispose();
        }

        return valid
            ? new VerificationResult(details, null, warnings)
            : VerificationResult.Refused(new SignatureRefusal(SignatureRefusal.BadSignature,
                $"bad signature: the bundle's bytes do not match the signature by {details!.SignerFingerprint} " +
                "(altered after signing, or the signature is for another file)"), details);
    }

    /// <summary>Mattermost checks the first signature whose issuer is in its keyring; so do we.</summary>
    private static (PgpSignature, TrustedKey, SigningKeyStatus) ChooseSignature(DetachedSignatureFile file, TrustedKeyring keyring)
    {
        var candidates = file.Signatures;
        var nonV4 = candidates.FirstOrDefault(s => s.Version != 4);
        if (candidates.All(s => s.Version != 4))
        {
            throw new SignatureRefusedException(SignatureRefusal.UnsupportedPacketVersion,
                $"v{nonV4!.Version} signature packet; Mattermost verifies only v4 signatures");
        }

        var v4 = candidates.Where(s => s.Version == 4).ToList();
        var withIssuer = v4.Where(HasIssuerKeyId).ToList();
        if (withIssuer.Count == 0)
        {
            throw new SignatureRefusedException(SignatureRefusal.NoIssuer,
                "the signature has no issuer key id subpacket, which Mattermost needs to find the key");
        }

        foreach (var candidate in withIssuer)
        {
            if (keyring.Find(candidate.KeyId) is { } found)
                return (candidate, found.Owner, found.Key);
        }

        var issuers = string.Join(", ", withIssuer.Select(s => Fingerprints.LongKeyId(s.KeyId)).Distinct());
        var noun = withIssuer.Count == 1 ? "signer" : "signers";
        throw new SignatureRefusedException(SignatureRefusal.UnknownSigner,
            $"unknown {noun}: key {issuers} is not among the trusted keys");
    }

    private static bool HasIssuerKeyId(PgpSignature signature) =>
        signature.GetHashedSubPackets()?.HasSubpacket(SignatureSubpacketTag.IssuerKeyId) == true ||
        signature.GetUnhashedSubPackets()?.HasSubpacket(SignatureSubpacketTag.IssuerKeyId) == true;

    private static SignatureRefusal? Policy(PgpSignature chosen, TrustedKey owner, SigningKeyStatus key, SignatureDetails details)
    {
        var keyName = $"key {key.Fingerprint}";
        if (KeyAlgorithms.IsEdDsa(key.Key.Algorithm) || KeyAlgorithms.IsEdDsa(chosen.KeyAlgorithm))
        {
            return new(SignatureRefusal.EdDsaKey,
                $"signed with an EdDSA/Ed25519 {keyName}: Mattermost cannot verify EdDSA signatures; sign with an RSA key");
        }

        if (!KeyAlgorithms.MattermostCanVerify(key.Key))
        {
            return new(SignatureRefusal.UnsupportedKeyAlgorithm,
                $"signed with {keyName}: {KeyAlgorithms.Unverifiable(key.Key)}");
        }

        if (owner.MattermostSkipsBecause is { } skipped)
            return new(SignatureRefusal.UnsupportedKeyAlgorithm, $"signed with {keyName}: {skipped}");

        if (chosen.SignatureType == PgpSignature.CanonicalTextDocument)
        {
            return new(SignatureRefusal.NotBinaryDocument,
                "text-mode signature (type 0x01) over a binary file; sign with `gpg --detach-sign`, without --textmode");
        }

        if (chosen.SignatureType != PgpSignature.BinaryDocument)
        {
            return new(SignatureRefusal.NotBinaryDocument,
                $"not a detached document signature (signature type 0x{chosen.SignatureType:X2})");
        }

        if (KeyAlgorithms.IsWeakHash(chosen.HashAlgorithm))
        {
            return new(SignatureRefusal.WeakHash,
                $"weak hash {details.HashAlgorithm}: refused because it is broken for signatures; sign with SHA-256 or SHA-512");
        }

        if (owner.Primary.IsRevoked || key.IsRevoked)
            return new(SignatureRefusal.KeyRevoked, $"{keyName} is revoked");
        if (!key.IsBound)
            return new(SignatureRefusal.KeyCannotSign, $"subkey {key.Fingerprint} is not bound to its primary key by a valid signature");
        if (!key.MaySign)
            return new(SignatureRefusal.KeyCannotSign, $"{keyName} is not allowed to sign (no signing capability)");
        if (details.SignedAt < key.Created)
            return new(SignatureRefusal.KeyExpired, $"the signature ({Dates.Day(details.SignedAt)}) is older than {keyName} ({Dates.Day(key.Created)})");
        foreach (var status in new[] { owner.Primary, key })
        {
            if (status.IsExpiredAt(details.SignedAt))
            {
                return new(SignatureRefusal.KeyExpired,
                    $"key {status.Fingerprint} expired on {Dates.Day(status.Expires!.Value)}, before the signature was made ({Dates.Day(details.SignedAt)})");
            }
        }

        return null;
    }

    private void AddWarnings(TrustedKey owner, SigningKeyStatus key)
    {
        if (key.Key.Algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign &&
            key.Key.BitStrength < RecommendedRsaBits)
        {
            warnings.Add($"weak-key: RSA-{key.Key.BitStrength} key {key.Fingerprint} is below the recommended {RecommendedRsaBits} bits");
        }

        var expiry = new[] { owner.Primary.Expires, key.Expires }.Where(e => e is not null).Min();
        if (expiry is { } end && details is not null && end > details.SignedAt)
        {
            warnings.Add($"signed-before-key-expiry: signed on {Dates.Day(details.SignedAt)}, before the key's expiry on {Dates.Day(end)}; " +
                "accepted, as a signature made while its key was valid stays valid");
        }
    }
}
