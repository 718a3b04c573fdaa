using System.Text;
using Mirror.OpenPgp.Keys;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Signing;

/// <summary>A private key unlocked for signing, chosen from a key file the way Mattermost will later verify it.</summary>
internal sealed class SigningKey
{
    private SigningKey(TrustedKey owner, SigningKeyStatus status, PgpPrivateKey privateKey)
    {
        Owner = owner;
        Status = status;
        PrivateKey = privateKey;
    }

    public TrustedKey Owner { get; }

    /// <summary>The primary key or the subkey that makes the signatures.</summary>
    public SigningKeyStatus Status { get; }

    internal PgpPrivateKey PrivateKey { get; }

    /// <exception cref="KeyFileException">Missing, unreadable or public key file; no usable signing key; wrong passphrase.</exception>
    public static SigningKey Load(string path, string displayName, string? passphrase, DateTimeOffset now)
    {
        var rings = KeyFileReader.ReadPrivateKeys(path, displayName);
        if (rings.Count > 1)
            throw new KeyFileException(displayName, $"holds {rings.Count} private keys; give a file with exactly one");

        var ring = rings[0];
        var owner = new TrustedKey(PublicRingOf(ring), displayName);
        var status = Choose(owner, displayName, now);
        var secret = ring.GetSecretKey(status.Key.KeyId);
        return new SigningKey(owner, status, Unlock(secret, status, displayName, passphrase));
    }

    /// <summary>GnuPG's choice: the newest key of the ring that may sign today (and that Mattermost can check).</summary>
    private static SigningKeyStatus Choose(TrustedKey owner, string displayName, DateTimeOffset now)
    {
        var signers = owner.AllKeys.Where(k => k.IsBound && k.MaySign).ToList();
        var name = $"key {owner.Fingerprint}";
        if (signers.Count == 0)
            throw new KeyFileException(displayName, $"{name} has no key that may sign");
        if (owner.Primary.IsRevoked || signers.All(k => k.IsRevoked))
            throw new KeyFileException(displayName, $"{name} is revoked");
        var current = signers.Where(k => !k.IsRevoked && !k.IsExpiredAt(now) && !owner.Primary.IsExpiredAt(now)).ToList();
        if (current.Count == 0)
            throw new KeyFileException(displayName, $"{name} has expired");
        var verifiable = current.Where(k => KeyAlgorithms.MattermostCanVerify(k.Key)).ToList();
        if (verifiable.Count == 0)
        {
            throw new KeyFileException(displayName, current.Any(k => KeyAlgorithms.IsEdDsa(k.Key.Algorithm))
                ? $"{name} is an EdDSA (Ed25519) key: Mattermost cannot verify EdDSA signatures; make an RSA key with `mirror keys generate`"
                : $"{name} is {KeyAlgorithms.Unverifiable(current[0].Key)}; make an RSA key with `mirror keys generate`");
        }

        if (owner.MattermostSkipsBecause is { } skipped)
            throw new KeyFileException(displayName, $"{name}: {skipped}; make an RSA key with `mirror keys generate`");
        return verifiable.OrderBy(k => k.Created).ThenBy(k => k.IsPrimary).Last();
    }

    private static PgpPrivateKey Unlock(PgpSecretKey secret, SigningKeyStatus status, string displayName, string? passphrase)
    {
        var name = $"key {status.Fingerprint}";
        if (secret.IsPrivateKeyEmpty)
            throw new KeyFileException(displayName, $"the private part of {name} is not in the file (a stub, e.g. a smartcard key)");
        var protectedKey = secret.KeyEncryptionAlgorithm != SymmetricKeyAlgorithmTag.Null;
        if (protectedKey && passphrase is null)
            throw new KeyFileException(displayName, $"{name} is protected by a passphrase; give it with --passphrase-file");
        try
        {
            return secret.ExtractPrivateKeyRaw(Encoding.UTF8.GetBytes(passphrase ?? ""));
        }
        catch (PgpException e) when (protectedKey)
        {
            throw new KeyFileException(displayName, $"wrong passphrase for {name}" +
                (e.Message.Contains("checksum", StringComparison.OrdinalIgnoreCase) ? "" : $" ({e.Message.TrimEnd('.')})"));
        }
        catch (PgpException e)
        {
            throw new KeyFileException(displayName, $"the private part of {name} cannot be read ({e.Message.TrimEnd('.')})");
        }
    }

    private static PgpPublicKeyRing PublicRingOf(PgpSecretKeyRing ring)
    {
        using var buffer = new MemoryStream();
        foreach (var key in ring.GetPublicKeys())
            key.Encode(buffer);
        return new PgpPublicKeyRing(buffer.ToArray());
    }
}
