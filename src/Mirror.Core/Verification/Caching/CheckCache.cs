using System.Collections.Concurrent;
using System.Security.Cryptography;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Files;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification.Caching;

/// <summary>
/// What earlier builds found in each bundle, so that an unchanged bundle is neither read nor verified again. Valid
/// only for the same tool, trusted keys and archive caps (the caller keys the whole cache on them). Per bundle, the
/// cheap key is the file's identity (inode, size, times) as git's index uses it; when it differs, or when the file
/// changed within a moment of being looked at, the bundle's bytes are hashed and the SHA-256 decides. The signature
/// file is small: its bytes are always read and compared. Files are opened as the checker opens them: regular files
/// only, links not followed; anything else is a miss, and the checker says why.
/// </summary>
internal sealed class CheckCache(IEnumerable<CheckRecord> previous)
{
    /// <summary>A file changed this close to when it was looked at may have changed again within the same clock tick.</summary>
    private const long RacyWindowNs = 2_000_000_000;

    private readonly Dictionary<string, CheckRecord> previous = previous.ToDictionary(r => r.RelativePath, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CheckRecord> current = new(StringComparer.Ordinal);

    public static CheckCache Empty => new([]);

    private int updated;

    /// <summary>Whether this build's records differ from the previous ones (a bundle read, re-hashed, added or gone): worth saving.</summary>
    public bool Changed => Volatile.Read(ref updated) > 0 || current.Count != previous.Count;

    /// <summary>The records of this build's bundles, to save.</summary>
    public IEnumerable<CheckRecord> Records => current.Values.OrderBy(r => r.RelativePath, StringComparer.Ordinal);

    /// <summary>What a cached read found in <paramref name="candidate"/> (its manifest, icon, signer, or why it was refused); null on a miss.</summary>
    public BundleReading? Find(BundleCandidate candidate)
    {
        if (!previous.TryGetValue(candidate.RelativePath, out var record) || record.SignatureFile != SignatureFile(candidate))
            return null;
        var seenAt = Now();
        if (FileIdentity.Of(candidate.FullPath) is not { } identity || SignatureBytes(candidate) is not { } signature ||
            Convert.ToHexStringLower(SHA256.HashData(signature)) != record.SignatureSha256)
        {
            return null;
        }

        if (identity != record.Bundle || IsRacy(record))
        {
            if (identity.Size != record.Reading.Size || record.Reading.Sha256.Length == 0 || HashFile(candidate.FullPath) != record.Reading.Sha256)
                return null;
            record = record with { Bundle = identity, SeenAtNs = seenAt };
            Interlocked.Increment(ref updated);
        }

        current[candidate.RelativePath] = record;
        return record.Reading with { Candidate = candidate, SignatureBytes = signature };
    }

    /// <summary>The identity of a bundle's file before it is read: taken after, it could hide a change made during the read.</summary>
    public static (FileIdentity? Identity, long SeenAtNs) Look(BundleCandidate candidate) => (FileIdentity.Of(candidate.FullPath), Now());

    public void Remember(BundleReading reading, (FileIdentity? Identity, long SeenAtNs) before)
    {
        var candidate = reading.Candidate;
        if (before.Identity is not { } identity)
            return;
        var signatureSha256 = reading.SignatureBytes.Length == 0 && candidate.SignaturePath is null
            ? ""
            : Convert.ToHexStringLower(SHA256.HashData(reading.SignatureBytes));
        Interlocked.Increment(ref updated);
        current[candidate.RelativePath] = new CheckRecord(candidate.RelativePath, SignatureFile(candidate), identity, signatureSha256, before.SeenAtNs,
            reading with { SignatureBytes = [] });
    }

    private static bool IsRacy(CheckRecord record) =>
        record.Bundle.ModifiedNs >= record.SeenAtNs - RacyWindowNs || record.Bundle.ChangedNs >= record.SeenAtNs - RacyWindowNs;

    private static string? SignatureFile(BundleCandidate candidate) => candidate.SignatureRelativePath;

    private static byte[]? SignatureBytes(BundleCandidate candidate)
    {
        if (candidate.SignaturePath is null)
            return [];
        try
        {
            return RegularFile.ReadAll(candidate.SignaturePath, DetachedSignatureFile.MaxBytes, followLink: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FileRefusedException)
        {
            return null;
        }
    }

    private static string? HashFile(string path)
    {
        try
        {
            using var file = RegularFile.OpenRead(path, followLink: false, bufferSize: 1 << 20);
            return Convert.ToHexStringLower(SHA256.HashData(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FileRefusedException)
        {
            return null;
        }
    }

    private static long Now() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
