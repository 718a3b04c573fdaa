using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

internal static class Fingerprints
{
    public static string Of(PgpPublicKey key) => Convert.ToHexString(key.GetFingerprint());

    public static string LongKeyId(long keyId) => keyId.ToString("X16");
}
