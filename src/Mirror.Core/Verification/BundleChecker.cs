using System.Security.Cryptography;
using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Publishing;
using Mirror.Core.Scanning;
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(copyPath);
            return bundle.Reject(BundleRefusalCodes.DamagedArchive, $"{candidate.RelativePath}: cannot be read ({e.Message.TrimEnd('.')})");
        }
    }

    private CheckedBundle CheckReadable(CheckedBundle bundle, string? copyPath)
    {
        var candidate = bundle.Candidate;
        // One SHA-256 per bundle: the report's digest, shared by a SHA-256 signature (see SignatureCheck).
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var (signatureBytes, verifier) = StartSignatureCheck(candidate, sha256);
        var size = new FileInfo(candidate.FullPath).Length;
        bundle = bundle with { Size = size, SignatureBytes = signatureBytes };
        if (size > limits.MaxBundleBytes)
            return bundle.Reject(BundleRefusalCodes.TooLarge, $"{candidate.RelativePath}: {size:N0} bytes, more than a bundle may be ({Sizes.Describe(limits.MaxBundleBytes)})");

        BundleInfo? info = null;
        BundleRefusedException? contentRefusal = null;
        using (var file = new FileStream(candidate.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        using (var copy = copyPath is null ? null : StagedCopy.Create(copyPath, size))
        {
            var observed = new ObservedStream(file, chunk =>
            {
                sha256.AppendData(chunk);
                verifier.Update(chunk);
                copy?.Write(chunk);
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
            copy?.Complete();
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

    private (byte[] Bytes, SignatureVerifier Verifier) StartSignatureCheck(BundleCandidate candidate, IncrementalHash dataSha256)
    {
        if (candidate.SignaturePath is null)
        {
            return ([], SignatureVerifier.Refusing(new SignatureRefusal(SignatureRefusal.Missing,
                $"unsigned: no detached signature {Path.GetFileName(candidate.FullPath)}.sig beside it")));
        }

        var length = new FileInfo(candidate.SignaturePath).Length;
        if (length > DetachedSignatureFile.MaxBytes)
        {
            return ([], SignatureVerifier.Refusing(new SignatureRefusal(SignatureRefusal.Malformed,
                $"{Path.GetFileName(candidate.SignaturePath)} is {length:N0} bytes, too large for a detached signature")));
        }

        var bytes = File.ReadAllBytes(candidate.SignaturePath);
        return (bytes, SignatureVerifier.Start(bytes, keyring, dataSha256));
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
