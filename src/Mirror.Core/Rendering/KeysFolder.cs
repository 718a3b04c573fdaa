using Mirror.OpenPgp;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Rendering;

/// <summary>The trusted public keys, for admins to list in <c>PluginSettings.SignaturePublicKeyFiles</c>.</summary>
public static class KeysFolder
{
    public const string Folder = "keys";
    public const string AllKeysFile = "mirror-trusted-keys.asc";

    public static string KeyFileName(TrustedKey key) => $"{key.Fingerprint}.asc";

    /// <summary>The trusted keys Mattermost can use: a key it cannot (EdDSA, no self-signature, revoked) is never published.</summary>
    public static IEnumerable<TrustedKey> Published(TrustedKeyring keyring) => keyring.Keys.Where(KeyAssessment.MattermostCanEverUse);

    public static void Write(ISiteOutput site, TrustedKeyring keyring)
    {
        foreach (var key in Published(keyring))
            site.Write($"{Folder}/{KeyFileName(key)}", key.ExportArmored());
        site.Write($"{Folder}/{AllKeysFile}", Armor.Wrap(stream =>
        {
            foreach (var key in Published(keyring))
                key.Ring.Encode(stream);
        }));
    }
}
