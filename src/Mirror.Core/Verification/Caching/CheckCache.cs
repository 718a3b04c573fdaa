using System.Collections.Concurrent;
using System.Security.Cryptography;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Files;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification.Caching;

/// <summary>
/// What earlier builds found in each bundle, so that an unchanged bundle is neither read nor verified again. Valid
/// only for the same tool, trusted keys and archive caps (the caller keys the whole cache on them). Per bundle, the
/// cheap key is each file's identity (inode, size, times) as git's index uses it; when it differs, or when the file
/// changed within a moment of being looked at, the bytes decide: the bundle's SHA-256, the signature's bytes (kept in
/// the cache, as the site serves them). Files are opened as the checker opens them: regular files
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
        var (signatureIdentity, signatureFound) = SignatureIdentity(candidate);
        if (!signatureFound || FileIdentity.Of(candidate.FullPath) is not { } identity)
            return null;

        var recheckBundle = identity != record.Bundle || IsRacy(record.Bundle, record.SeenAtNs);
        var recheckSignature = signatureIdentity != record.Signature || (signatureIdentity is { } s && IsRacy(s, record.SeenAtNs));
        if (recheckSignature && (SignatureBytes(candidate) is not { } signature || !signature.AsSpan().SequenceEqual(record.Reading.SignatureBytes)))
            return null;
        if (recheckBundle &&
            (identity.Size != record.Reading.Size || record.Reading.Sha256.Length == 0 || HashFile(candidate.FullPath) != record.Reading.Sha256))
        {
            return null;
        }

        if (recheckBundle || recheckSignature)
        {
            record = record with { Bundle = identity, Signature = signatureIdentity, SeenAtNs = seenAt };
            Interlocked.Increment(ref updated);
        }

        current[candidate.RelativePath] = record;
        return record.Reading with { Candidate = candidate };
    }

    /// <summary>
    /// The identities of a bundle's files before they are read: taken after, they could hide a change made during the read.
    /// </summary>
    public static FilesSeen Look(BundleCandidate candidate) =>
        new(FileIdentity.Of(candidate.FullPath), SignatureIdentity(candidate), Now());

    public void Remember(BundleReading reading, FilesSeen before)
    {
        var candidate = reading.Candidate;
        if (before.Bundle is not { } identity || before.Signature is not (var signature, true))
            return;
        Interlocked.Increment(ref updated);
        current[candidate.RelativePath] = new CheckRecord(candidate.RelativePath, SignatureFile(candidate), identity, signature, before.SeenAtNs, reading);
    }

    private static bool IsRacy(FileIdentity identity, long seenAtNs) =>
        identity.ModifiedNs >= seenAtNs - RacyWindowNs || identity.ChangedNs >= seenAtNs - RacyWindowNs;

    private static string? SignatureFile(BundleCandidate candidate) => candidate.SignatureRelativePath;

    /// <summary>The signature file's identity (null for an unsigned bundle), and whether that could be told (false: it is gone).</summary>
    private static (FileIdentity? Identity, bool Found) SignatureIdentity(BundleCandidate candidate) =>
        candidate.SignaturePath is null ? (null, true) : FileIdentity.Of(candidate.SignaturePath) is { } identity ? (identity, true) : (null, false);

    /// <summary>The signature file's bytes, read as the checker reads them; null when it cannot be (the checker says why).</summary>
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
