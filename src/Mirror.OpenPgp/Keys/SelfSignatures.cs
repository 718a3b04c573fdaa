using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

/// <summary>
/// Reads key flags, expiry, binding and revocation from the signatures inside a key ring, verifying each one:
/// BouncyCastle's own helpers (<c>GetValidSeconds()</c>, <c>HasRevocation()</c>) trust unverified packets.
/// </summary>
internal static class SelfSignatures
{
    private const int KeyFlagSign = 0x02;

    public static SigningKeyStatus ForPrimary(PgpPublicKey primary)
    {
        var certifications = new List<PgpSignature>();
        var primaryBlock = PlatformSignature.KeyBlock(primary);
        foreach (var userId in primary.GetRawUserIds())
            certifications.AddRange(SignaturesOnUserId(primary, primaryBlock, userId, s => s.IsCertification()));

        foreach (var signature in primary.GetSignaturesOfType(PgpSignature.DirectKey))
        {
            if (signature.KeyId == primary.KeyId && Verifies(signature, primary, primaryBlock, s => s.VerifyCertification(primary)))
                certifications.Add(signature);
        }

        var revoked = primary.GetSignaturesOfType(PgpSignature.KeyRevocation).Any(s => Revokes(s, primary));
        var latest = certifications.OrderBy(s => s.CreationTime).LastOrDefault();
        return new SigningKeyStatus(
            primary,
            IsPrimary: true,
            IsBound: latest is not null,
            MaySign: latest is not null && MaySign(latest, primary),
            Expires: Expiry(latest, primary),
            IsRevoked: revoked);
    }

    /// <summary>
    /// The user id to show for <paramref name="primary"/>, chosen as gpg chooses it: among the user ids with a verified
    /// self-certification and no verified certification revocation at or after their latest one, the one whose latest
    /// self-certification says it is the primary user id (the newest such one), else the one certified last. When no user id
    /// is valid, the first one; null when the key has none.
    /// </summary>
    public static byte[]? PrimaryUserId(PgpPublicKey primary)
    {
        var primaryBlock = PlatformSignature.KeyBlock(primary);
        var valid = new List<(byte[] UserId, PgpSignature Latest)>();
        byte[]? first = null;
        foreach (var userId in primary.GetRawUserIds())
        {
            first ??= userId;
            var latest = SignaturesOnUserId(primary, primaryBlock, userId, s => s.IsCertification())
                .OrderBy(s => s.CreationTime).LastOrDefault();
            if (latest is null)
                continue;
            // gpg lets the newest of certification and revocation decide, the one later in the key block on a tie
            // (a revocation made in the same second as the certification it revokes still revokes it).
            var revoked = SignaturesOnUserId(primary, primaryBlock, userId, s => s.SignatureType == PgpSignature.CertificationRevocation)
                .Any(r => r.CreationTime >= latest.CreationTime);
            if (!revoked)
                valid.Add((userId, latest));
        }

        PgpSignature? newestPrimary = null;
        byte[]? chosen = null;
        foreach (var (userId, latest) in valid)
        {
            if (latest.GetHashedSubPackets()?.IsPrimaryUserId() == true &&
                (newestPrimary is null || latest.CreationTime > newestPrimary.CreationTime))
            {
                newestPrimary = latest;
                chosen = userId;
            }
        }

        // No primary flag: gpg shows the one certified last (the earlier one on a tie), such as one added by `gpg --quick-add-uid`.
        var newest = valid.Count == 0 ? null : valid.Aggregate((best, next) => next.Latest.CreationTime > best.Latest.CreationTime ? next : best).UserId;
        return chosen ?? newest ?? first;
    }

    /// <summary>
    /// <paramref name="ring"/> with <paramref name="revocation"/> among its primary key's signatures, when it revokes that
    /// key (<see cref="Revokes"/>), where <see cref="ForPrimary"/> finds it; else null.
    /// </summary>
    public static PgpPublicKeyRing? WithRevocation(PgpPublicKeyRing ring, PgpSignature revocation)
    {
        var primary = ring.GetPublicKey();
        return Revokes(revocation, primary) ? PgpPublicKeyRing.InsertPublicKey(ring, PgpPublicKey.AddCertification(primary, revocation)) : null;
    }

    /// <summary>Whether <paramref name="signature"/> is a revocation of <paramref name="primary"/> made by that key itself, verified.</summary>
    public static bool Revokes(PgpSignature signature, PgpPublicKey primary) =>
        signature.SignatureType == PgpSignature.KeyRevocation && signature.KeyId == primary.KeyId &&
        Verifies(signature, primary, PlatformSignature.KeyBlock(primary), r => r.VerifyCertification(primary));

    public static SigningKeyStatus ForSubkey(PgpPublicKey primary, PgpPublicKey subkey)
    {
        byte[] bothBlocks = [.. PlatformSignature.KeyBlock(primary), .. PlatformSignature.KeyBlock(subkey)];
        var bindings = subkey.GetSignaturesOfType(PgpSignature.SubkeyBinding)
            .Where(s => s.KeyId == primary.KeyId && Verifies(s, primary, bothBlocks, b => b.VerifyCertification(primary, subkey)))
            .OrderBy(s => s.CreationTime)
            .ToList();
        var latest = bindings.LastOrDefault();
        var revoked = subkey.GetSignaturesOfType(PgpSignature.SubkeyRevocation)
            .Any(s => s.KeyId == primary.KeyId && Verifies(s, primary, bothBlocks, r => r.VerifyCertification(primary, subkey)));

        // A signing subkey must also sign its own binding back (the "back signature"); without it anyone could
        // attach someone else's signing key to their own primary key.
        var maySign = latest is not null && MaySign(latest, subkey) && HasBackSignature(latest, primary, subkey, bothBlocks);
        return new SigningKeyStatus(subkey, false, latest is not null, maySign, Expiry(latest, subkey), revoked);
    }

    private static bool MaySign(PgpSignature selfSignature, PgpPublicKey key)
    {
        var hashed = selfSignature.GetHashedSubPackets();
        if (hashed is null || !hashed.HasSubpacket(SignatureSubpacketTag.KeyFlags))
            return AlgorithmCanSign(key.Algorithm);
        return (hashed.GetKeyFlags() & KeyFlagSign) != 0 && AlgorithmCanSign(key.Algorithm);
    }

    private static bool AlgorithmCanSign(PublicKeyAlgorithmTag algorithm) =>
        algorithm is not (PublicKeyAlgorithmTag.RsaEncrypt or PublicKeyAlgorithmTag.ElGamalEncrypt
            or PublicKeyAlgorithmTag.ElGamalGeneral or PublicKeyAlgorithmTag.ECDH
            or PublicKeyAlgorithmTag.X25519 or PublicKeyAlgorithmTag.X448);

    private static bool HasBackSignature(PgpSignature binding, PgpPublicKey primary, PgpPublicKey subkey, byte[] bothBlocks)
    {
        var embedded = new List<PgpSignature>();
        foreach (var vector in new[] { binding.GetHashedSubPackets(), binding.GetUnhashedSubPackets() })
        {
            if (vector is null)
                continue;
            var list = vector.GetEmbeddedSignatures();
            for (var i = 0; i < list.Count; i++)
                embedded.Add(list[i]);
        }

        return embedded.Any(s => s.SignatureType == PgpSignature.PrimaryKeyBinding &&
            Verifies(s, subkey, bothBlocks, b => b.VerifyCertification(primary, subkey)));
    }

    /// <summary>The signatures by <paramref name="primary"/> itself on <paramref name="userId"/> that <paramref name="wanted"/> selects, verified.</summary>
    private static List<PgpSignature> SignaturesOnUserId(PgpPublicKey primary, byte[] primaryBlock, byte[] userId, Func<PgpSignature, bool> wanted)
    {
        byte[] certified = [.. primaryBlock, .. PlatformSignature.UserIdBlock(userId)];
        return (primary.GetSignaturesForId(userId) ?? [])
            .Where(s => s.KeyId == primary.KeyId && wanted(s) && Verifies(s, primary, certified, c => CertifiesUserId(c, primary, userId, certified)))
            .ToList();
    }

    /// <summary>
    /// BouncyCastle checks a user id only as text, which it hashes as UTF-8: a user id that is not UTF-8 would not
    /// survive the trip, so its bytes are hashed as they are (the v4 layout, which is all Mattermost verifies).
    /// </summary>
    private static bool CertifiesUserId(PgpSignature signature, PgpPublicKey primary, byte[] userId, byte[] certified)
    {
        if (UserIds.Utf8(userId) is { } text)
            return signature.VerifyCertification(text, primary);
        signature.Update(certified);
        return signature.Verify();
    }

    private static DateTimeOffset? Expiry(PgpSignature? selfSignature, PgpPublicKey key)
    {
        var seconds = selfSignature?.GetHashedSubPackets()?.GetKeyExpirationTime() ?? 0;
        if (seconds <= 0)
            return null;
        return new DateTimeOffset(DateTime.SpecifyKind(key.CreationTime, DateTimeKind.Utc)).AddSeconds(seconds);
    }

    /// <summary>By the platform where it can (see <see cref="PlatformKey"/>), else by BouncyCastle's <paramref name="check"/>.</summary>
    private static bool Verifies(PgpSignature signature, PgpPublicKey signer, byte[] signedData, Func<PgpSignature, bool> check)
    {
        try
        {
            if (PlatformSignature.Verify(signature, signer, signedData) is { } verdict)
                return verdict;
            signature.InitVerify(signer);
            return check(signature);
        }
        catch (Exception e) when (MalformedInput.Is(e))
        {
            return false;
        }
    }
}
