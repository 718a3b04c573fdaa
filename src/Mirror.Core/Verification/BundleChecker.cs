using System.Security.Cryptography;
using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Archive;
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
public sealed class BundleChecker(TrustedKeyring keyring, ArchiveLimits limits, BuildProgress? progress = null)
{
    /// <param name="candidate">The bundle and its signature file.</param>
    /// <param name="copy">
    /// Receives every byte as it is read (the staging site's copy), or null; flushed once the bundle is read whole. A
    /// failed write must not surface as an <see cref="IOException"/>, which would blame the bundle: the caller
    /// translates its own write failures.
    /// </param>
    public CheckedBundle Check(BundleCandidate candidate, Stream? copy = null) => Check(candidate, copy, out _);

    /// <param name="reading">What the read found, for the check cache; null when the bundle could not be read at all.</param>
    public CheckedBundle Check(BundleCandidate candidate, Stream? copy, out BundleReading? reading)
    {
        reading = null;
        try
        {
            reading = Read(candidate, copy);
            return Verdict(reading);
        }
        catch (MirrorException)
        {
            // The site could not be written (a full disk): the build's failure, never the bundle's.
            throw;
        }
        catch (Exception e)
        {
            // No bundle may end the build: whatever goes wrong while checking one is that bundle's refusal.
            var (code, why) = Refusal(e);
            return new RefusedBundle(code, $"{candidate.RelativePath}: {why}", null, null) { Candidate = candidate };
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

    private BundleReading Read(BundleCandidate candidate, Stream? copy)
    {
        if (candidate.FullPath.Contains(DisplayName.NotUtf8))
            throw new BundleRefusedException(BundleRefusalCodes.BadFileName, "its file name is not UTF-8 text; rename it (Mattermost and the site need UTF-8 names)");

        // Only a regular file is read (a pipe would hang the build, a device never ends); its size comes from the open file.
        using var file = RegularFile.OpenRead(candidate.FullPath, followLink: false, bufferSize: 1 << 16);
        // One SHA-256 per bundle: the report's digest, shared by a SHA-256 signature (see SignatureVerifier.Start).
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var (signatureBytes, verifier) = StartSignatureCheck(candidate, sha256);
        var reading = new BundleReading(candidate, file.Length, signatureBytes);
        if (reading.Size > limits.MaxBundleBytes)
        {
            return reading with
            {
                ContentRefusal = new BundleRefusedException(BundleRefusalCodes.TooLarge,
                    $"{reading.Size:N0} bytes, more than a bundle may be ({Sizes.Describe(limits.MaxBundleBytes)})"),
            };
        }

        // The cap also counts the bytes actually read, in case the file grows while it is read.
        var capped = new CountingStream(file, limits.MaxBundleBytes, cap => $"more than {Sizes.Describe(cap)}, more than a bundle may be");
        var observed = new ObservedStream(capped, chunk =>
        {
            progress?.Read(chunk.Length);
            sha256.AppendData(chunk);
            verifier.Update(chunk);
            copy?.Write(chunk);
        });
        try
        {
            RequireGzip(file, reading.Size);
            var contents = ArchiveReader.Read(observed, limits);
            reading = reading with { Contents = contents, Info = BundleInspector.Inspect(contents) };
        }
        catch (BundleRefusedException e)
        {
            reading = reading with { ContentRefusal = e };
        }

        observed.DrainToEnd();
        copy?.Flush();
        return reading with { Signature = verifier.Finish(), Sha256 = Convert.ToHexStringLower(sha256.GetHashAndReset()) };
    }

    /// <summary>The verdict on what a read found (now, or in an earlier build: see the check cache).</summary>
    public static CheckedBundle Verdict(BundleReading reading)
    {
        var signature = reading.Signature;
        IReadOnlyList<string> warnings = [.. signature?.Warnings ?? [], .. reading.Info?.Warnings ?? []];
        if (signature?.Refusal is { } bad)
            return Refused(reading, bad.Code, bad.Message, warnings);
        if (reading.ContentRefusal is { } content)
            return Refused(reading, content.Code, content.Message, warnings);
        if (reading.Info is not { } info || signature?.Details is not { } details)
            throw new InvalidOperationException($"{reading.Candidate.RelativePath}: read whole, signature checked, yet no manifest or signer");

        return new AcceptedBundle(info, details)
        {
            Candidate = reading.Candidate,
            SignatureBytes = reading.SignatureBytes,
            Sha256 = reading.Sha256,
            Size = reading.Size,
            Warnings = warnings,
        };
    }

    private static RefusedBundle Refused(BundleReading reading, string code, string message, IReadOnlyList<string> warnings) =>
        new(code, $"{reading.Candidate.RelativePath}: {message}", reading.Info, reading.Signature?.Details)
        {
            Candidate = reading.Candidate,
            SignatureBytes = reading.SignatureBytes,
            Sha256 = reading.Sha256,
            Size = reading.Size,
            Warnings = warnings,
        };

    private (byte[] Bytes, SignatureVerifier Verifier) StartSignatureCheck(BundleCandidate candidate, IncrementalHash dataSha256)
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
}
