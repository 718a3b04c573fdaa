using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

/// <summary>One trusted public key ring (primary key and subkeys) with every claim of its self-signatures checked.</summary>
internal sealed class TrustedKey
{
    public TrustedKey(PgpPublicKeyRing ring, string sourceFile)
    {
        Ring = ring;
        SourceFile = sourceFile;
        var primary = ring.GetPublicKey();
        Primary = SelfSignatures.ForPrimary(primary);
        Subkeys = ring.GetPublicKeys()
            .Where(k => !k.IsMasterKey)
            .Select(k => SelfSignatures.ForSubkey(primary, k))
            .ToList();
        UserId = SelfSignatures.PrimaryUserId(primary) is { } userId ? UserIds.Display(userId) : "";
        MattermostSkipsBecause = KeyAlgorithms.WhyMattermostSkips(ring);
    }

    /// <summary>Why a Mattermost server would skip this whole key when it reads its keyring (see <see cref="KeyAlgorithms.WhyMattermostSkips"/>), or null.</summary>
    public string? MattermostSkipsBecause { get; }

    public PgpPublicKeyRing Ring { get; }

    public string SourceFile { get; }

    public SigningKeyStatus Primary { get; }

    public IReadOnlyList<SigningKeyStatus> Subkeys { get; }

    /// <summary>
    /// The primary user id as gpg picks it (see <see cref="SelfSignatures.PrimaryUserId"/>), as it is shown (see
    /// <see cref="UserIds.Display"/>).
    /// </summary>
    public string UserId { get; }

    public string Fingerprint => Primary.Fingerprint;

    public string Algorithm => KeyAlgorithms.Name(Primary.Key.Algorithm);

    public int Bits => Primary.Key.BitStrength;

    public string AlgorithmAndSize => KeyAlgorithms.Describe(Algorithm, Bits);

    public IEnumerable<SigningKeyStatus> AllKeys => Subkeys.Prepend(Primary);

    public byte[] ExportArmored() => Armor.Wrap(Ring.Encode);
}
