using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Files;
using Mirror.OpenPgp.Keys;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification;

/// <summary>
/// Checks one bundle in a single streaming read, of its copy in the staging site when the build makes one: the same
/// bytes feed the gunzip/tar reader, the signature check and the SHA-256. A bad signature outranks a broken archive as the reason, since it
/// says the file is not what was signed.
/// </summary>
internal sealed class BundleChecker(TrustedKeyring keyring, ArchiveLimits limits, BuildProgress? progress = null)
{
    /// <param name="candidate">The bundle and its signature file.</param>
    /// <param name="stage">
    /// Copies the bundle into the site before it is checked, or null to check the catalog's file itself. A failed write
    /// must not surface as an <see cref="IOException"/>, which would blame the bundle: the stage translates its own
    /// write failures.
    /// </param>
    public CheckedBundle Check(BundleCandidate candidate, StageBundle? stage = null) => Check(candidate, stage, out _);

    /// <param name="reading">What the read found, for the check cache; null when the bundle could not be read at all.</param>
    public CheckedBundle Check(BundleCandidate candidate, StageBundle? stage, out BundleReading? reading)
    {
        reading = null;
        try
        {
            reading = Read(candidate, stage);
            return Verdict(reading);
        }
        catch (MirrorException)
        {
            // The site could not be written (a full disk): the build's failure, never the bundle's.
            throw;
        }
        catch (StageFailedException e)
        {
            ExceptionDispatchInfo.Throw(e.InnerException!);
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

    private BundleReading Read(BundleCandidate candidate, StageBundle? stage)
    {
        if (candidate.FullPath.Contains(DisplayName.NotUtf8))
            throw new BundleRefusedException(BundleRefusalCodes.BadFileName, "its file name is not UTF-8 text; rename it (Mattermost and the site need UTF-8 names)");

        // Only a regular file is read (a pipe would hang the build, a device never ends); its size comes from the open file.
        using var file = RegularFile.OpenRead(candidate.FullPath, followLink: false, bufferSize: 1 << 16);
        // One SHA-256 per bundle: the report's digest, shared by a SHA-256 signature (see SignatureVerifier.Start).
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var (signatureBytes, verifier) = StartSignatureCheck(candidate, sha256);
        if (TooLarge(new BundleReading(candidate, file.Length, signatureBytes)) is { } tooLarge)
            return tooLarge;

        using var copy = stage is null ? null
            : new FileStream(Staged(stage, candidate, file), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        var source = copy ?? file;
        var reading = new BundleReading(candidate, source.Length, signatureBytes);
        if (TooLarge(reading) is { } grown)
            return grown;

        // The cap also counts the bytes actually read, in case the file grows while it is read.
        var capped = new CountingStream(source, limits.MaxBundleBytes, cap => $"more than {Sizes.Describe(cap)}, more than a bundle may be");
        var observed = new ObservedStream(capped, chunk =>
        {
            progress?.Read(chunk.Length);
            sha256.AppendData(chunk);
            verifier.Update(chunk);
        });
        try
        {
            RequireGzip(source, reading.Size);
            var contents = ArchiveReader.Read(observed, limits);
            reading = reading with { Info = BundleInspector.Inspect(contents) };
        }
        catch (BundleRefusedException e)
        {
            reading = reading with { ContentRefusal = e };
        }

        observed.DrainToEnd();
        return reading with { Signature = verifier.Finish(), Sha256 = Convert.ToHexStringLower(sha256.GetHashAndReset()) };
    }

    /// <summary>One byte over the cap is enough to tell that the file grew too large since it was opened.</summary>
    private string Staged(StageBundle stage, BundleCandidate candidate, FileStream file)
    {
        try
        {
            return stage(candidate, file, limits.MaxBundleBytes + 1);
        }
        catch (Exception e) when (e is not IOException and not MirrorException)
        {
            throw new StageFailedException(e);
        }
    }

    /// <summary>The stage failing other than by reading the bundle is a bug of the build, not the bundle's refusal.</summary>
    private sealed class StageFailedException(Exception bug) : Exception(bug.Message, bug);

    private BundleReading? TooLarge(BundleReading reading) => reading.Size <= limits.MaxBundleBytes ? null : reading with
    {
        ContentRefusal = new BundleRefusedException(BundleRefusalCodes.TooLarge,
            $"{reading.Size:N0} bytes, more than a bundle may be ({Sizes.Describe(limits.MaxBundleBytes)})"),
    };

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
