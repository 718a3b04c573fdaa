using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Syncing;

/// <summary>
/// Mattermost's plugin signing public key (RSA-4096, C55881B80F69E863B85AD5D1D1B54B47A5CEFEC4), shipped inside the
/// tool: the key every Mattermost server trusts, so the default trust anchor of <c>mirror sync</c> needs no download.
/// </summary>
public static class MattermostKey
{
    public const string ResourceName = "mattermost-plugin-production-public-key.asc";
    public const string Fingerprint = "C55881B80F69E863B85AD5D1D1B54B47A5CEFEC4";
    public const string DisplayName = "Mattermost's plugin signing key (built in)";

    public static byte[] Armored()
    {
        using var stream = typeof(MattermostKey).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static TrustedKeyring Keyring() =>
        new(KeyFileReader.ReadPublicKeys(Armored(), DisplayName).Select(ring => new TrustedKey(ring, DisplayName)));
}
