using Mirror.Core.KeyManagement;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Files;
using Mirror.OpenPgp.Keys;
using Mirror.OpenPgp.Signing;

namespace Mirror.Core.Signing;

/// <summary><c>mirror sign</c>: writes <c>BUNDLE.sig</c> beside each bundle, the signature Mattermost verifies.</summary>
internal static class BundleSigner
{
    /// <exception cref="MirrorException">
    /// A bundle is missing or not a regular file, a folder stands where a signature goes, or the key cannot sign:
    /// nothing is written (exit 2). A signature cannot be written: the ones before it are (exit 1).
    /// </exception>
    public static IReadOnlyList<SignedBundle> SignAll(IReadOnlyList<string> bundles, string keyFile, string? passphraseFile, bool armor, DateTimeOffset now)
    {
        // Every bundle is checked before anything is signed, and opened again (checked again) when it is signed: kept
        // open in between, a glob of thousands of bundles would run out of file handles.
        foreach (var bundle in bundles)
            Open(bundle).Dispose();

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
            var target = bundle + CatalogScanner.SignatureSuffix;
            byte[] signature;
            using (var input = Open(bundle))
                signature = DetachedSigner.Sign(key, input, now, armor);
            try
            {
                WholeFile.Write(target, signature);
            }
            catch (Exception e) when (WholeFile.IsWriteFailure(e))
            {
                throw new MirrorException($"{target}: cannot write the signature ({WholeFile.Reason(e)}); " +
                    (signed.Count == 0 ? "nothing signed" : $"signed before it: {string.Join(", ", signed.Select(s => s.Bundle))}"), ExitCodes.Failure);
            }

            signed.Add(new SignedBundle(bundle, target, key.Status.Fingerprint, key.Owner.UserId));
        }

        return signed;
    }

    /// <summary>A bundle, opened without waiting on a pipe or reading a device that never ends.</summary>
    private static FileStream Open(string bundle)
    {
        var target = bundle + CatalogScanner.SignatureSuffix;
        if (Directory.Exists(target))
            throw new MirrorException($"{target}: is a folder, where the signature would go; nothing signed");
        try
        {
            return RegularFile.OpenRead(bundle, bufferSize: 0);
        }
        catch (FileNotFoundException)
        {
            throw new MirrorException($"{bundle}: no such file; nothing signed");
        }
        catch (FileRefusedException e)
        {
            throw new MirrorException($"{bundle}: {e.Message}; nothing signed");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MirrorException($"{bundle}: cannot be read ({e.Message}); nothing signed");
        }
    }
}

internal sealed record SignedBundle(string Bundle, string SignatureFile, string SigningKeyFingerprint, string UserId);
