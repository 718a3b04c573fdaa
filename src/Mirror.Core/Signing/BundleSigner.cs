using Mirror.Core.KeyManagement;
using Mirror.OpenPgp.Keys;
using Mirror.OpenPgp.Signing;

namespace Mirror.Core.Signing;

/// <summary><c>mirror sign</c>: writes <c>BUNDLE.sig</c> beside each bundle, the signature Mattermost verifies.</summary>
public static class BundleSigner
{
    public const string SignatureSuffix = ".sig";

    /// <exception cref="MirrorException">A bundle is missing, or the key cannot sign: nothing is written.</exception>
    public static IReadOnlyList<SignedBundle> SignAll(IReadOnlyList<string> bundles, string keyFile, string? passphraseFile, bool armor, DateTimeOffset now)
    {
        foreach (var bundle in bundles)
        {
            if (Directory.Exists(bundle))
                throw new MirrorException($"{bundle}: is a folder, not a bundle; nothing signed");
            if (!File.Exists(bundle))
                throw new MirrorException($"{bundle}: no such file; nothing signed");
        }

        SigningKey key;
        try
        {
            key = SigningKey.Load(keyFile, keyFile, PassphraseFile.Read(passphraseFile), now);
        }
        catch (KeyFileException e)
        {
            throw new MirrorException($"{e.Message}; nothing signed");
        }

        var signed = new List<SignedBundle>();
        foreach (var bundle in bundles)
        {
            byte[] signature;
            using (var data = File.OpenRead(bundle))
                signature = DetachedSigner.Sign(key, data, now, armor);
            var target = bundle + SignatureSuffix;
            WholeFile.Write(target, signature);
            signed.Add(new SignedBundle(bundle, target, key.Status.Fingerprint, key.Owner.UserId));
        }

        return signed;
    }
}

public sealed record SignedBundle(string Bundle, string SignatureFile, string SigningKeyFingerprint, string UserId);
