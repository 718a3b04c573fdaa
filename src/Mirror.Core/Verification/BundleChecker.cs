using System.Security.Cryptography;
using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Publishing;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Files;
using Mirror.OpenPgp.Keys;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification;

/// <summary>
/// Checks one bundle in a single streaming read: the same bytes feed the gunzip/tar reader, the signature check, the
/// SHA-256 and the copy into the staging site. A bad signature outranks a broken archive as the reason, since it
/// says the file is not what was signed.
/// </summary>
public sealed class BundleChecker(TrustedKeyring keyring, ArchiveLimits limits)
{
    public CheckedBundle Check(BundleCandidate candidate, string? copyPath)
    {
        var bundle = new CheckedBundle { Candidate = candidate, Status = BundleStatus.Published };
        try
        {
            return CheckReadable(bundle, copyPath);
        }
        catch (SiteWriteException)
        {
            DeleteQuietly(copyPath);
            throw;
        }
        catch (Exception e)
        {
            // No bundle may end the build: whatever goes wrong while checking one is that bundle's refusal.
            DeleteQuietly(copyPath);
            var (code, why) = Refusal(e);
            return bundle.Reject(code, $"{candidate.RelativePath}: {why}");
        }
    }

    private static (string Code, string Reason) Refusal(Exception e) => e switch
    {
        BundleRefusedException refused => (refused.Code, refused.Message),
        FileRefusedException { TooLarge: true } large => (BundleRefusalCodes.TooLarge, large.Message),
        FileRefusedException special => (BundleRefusalCodes.NotRegularFile, special.Message),
        IOException or UnauthorizedAccessException => (BundleRefusalCodes.DamagedArchive, $"cannot be read ({e.Message.TrimEnd('.')})"),
        _ => (BundleRefusalCodes.CheckFailed, $"could not be checked ({e.GetType().Name}: {e.Message.TrimEnd('.')}); please report it"),
    };

    private CheckedBundle CheckReadable(CheckedBundle bundle, string? copyPath)
    {
        var candidate = bundle.Candidate;
        if (candidate.FullPath.Contains(DisplayName.NotUtf8))
            throw new BundleRefusedException(BundleRefusalCodes.BadFileName, "its file name is not UTF-8 text; rename it (Mattermost and the site need UTF-8 names)");
        using var file = RegularFile.OpenRead(candidate.FullPath, followLink: false, bufferSize: 1 << 16);
        var (signatureBytes, verifier) = StartSignatureCheck(candidate);
        var size = file.Length;
        bundle = bundle with { Size = size, SignatureBytes = signatureBytes };
        if (size > limits.MaxBundleBytes)
            return bundle.Reject(BundleRefusalCodes.TooLarge, $"{candidate.RelativePath}: {size:N0} bytes, more than a bundle may be ({Sizes.Describe(limits.MaxBundleBytes)})");

        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        BundleInfo? info = null;
        BundleRefusedException? contentRefusal = null;
        // The copy is unbuffered so that a failed write (disk full) shows in Write, where it is told apart from a bad
        // bundle, and never later in Dispose.
        using (var copy = copyPath is null ? null : SiteWriteException.Guard("copying a bundle into it",
            () => new FileStream(copyPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0)))
        {
            // The size was read from the open file; the cap still counts what is actually read (the file may grow).
            var capped = new CountingStream(file, limits.MaxBundleBytes, cap => $"more than {Sizes.Describe(cap)}, more than a bundle may be");
            var observed = new ObservedStream(capped, chunk =>
            {
                sha256.AppendData(chunk);
                verifier.Update(chunk);
                try
                {
                    copy?.Write(chunk);
                }
                catch (Exception e) when (SiteWriteException.IsWriteFailure(e))
                {
                    throw new SiteWriteException("copying a bundle into it", e);
                }
            });
            try
            {
                RequireGzip(file, size);
                info = BundleInspector.Inspect(ArchiveReader.Read(observed, limits));
            }
            catch (BundleRefusedException e)
            {
                contentRefusal = e;
            }

            observed.DrainToEnd();
        }

        var verdict = verifier.Finish();
        bundle = bundle with
        {
            Info = info,
            Signature = verdict.Details,
            Sha256 = Convert.ToHexStringLower(sha256.GetHashAndReset()),
            Warnings = [.. verdict.Warnings, .. info?.Warnings ?? []],
            StagedCopy = copyPath,
        };
        if (verdict.Refusal is { } refusal)
            return bundle.Reject(refusal.Code, $"{candidate.RelativePath}: {refusal.Message}");
        if (contentRefusal is not null)
            return bundle.Reject(contentRefusal.Code, $"{candidate.RelativePath}: {contentRefusal.Message}");
        return bundle;
    }

    private (byte[] Bytes, SignatureVerifier Verifier) StartSignatureCheck(BundleCandidate candidate)
    {
        if (candidate.SignaturePath is null)
        {
            return ([], SignatureVerifier.Refusing(new SignatureRefusal(SignatureRefusal.Missing,
                $"unsigned: no detached signature {candidate.DisplayFileName}.sig beside it")));
        }

        byte[] bytes;
        try
        {
            bytes = RegularFile.ReadAll(candidate.SignaturePath, DetachedSignatureFile.MaxBytes, followLink: false);
        }
        catch (FileRefusedException e)
        {
            var why = e.TooLarge ? $"holds more than {DetachedSignatureFile.MaxBytes:N0} bytes, too large for a detached signature" : e.Message;
            return ([], SignatureVerifier.Refusing(new SignatureRefusal(SignatureRefusal.Malformed,
                $"{candidate.SignatureDisplayFileName} {why}")));
        }

        return (bytes, SignatureVerifier.Start(bytes, keyring));
    }

    private static void RequireGzip(FileStream file, long size)
    {
        if (size == 0)
            throw new BundleRefusedException(BundleRefusalCodes.DamagedArchive, "empty file");
        Span<byte> magic = stackalloc byte[2];
        var read = file.Read(magic);
        file.Position = 0;
        if (read < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
            throw new BundleRefusedException(BundleRefusalCodes.DamagedArchive, "not a gzip file (a bundle is a .tar.gz)");
    }

    private static void DeleteQuietly(string? path)
    {
        if (path is not null && File.Exists(path))
            File.Delete(path);
    }
}
