using Mirror.OpenPgp.Files;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.OpenPgp.Keys;

/// <summary>
/// The trusted keys of a catalog: every <c>*.asc</c>, <c>*.gpg</c> and <c>*.rev</c> file of one folder, de-duplicated,
/// with the revocation certificates among them applied.
/// </summary>
internal sealed class TrustedKeyring
{
    public static readonly IReadOnlyList<string> KeyFilePatterns = ["*.asc", "*.gpg", "*.rev"];

    private readonly Dictionary<long, (TrustedKey Owner, SigningKeyStatus Key)> byKeyId = [];

    public TrustedKeyring(IEnumerable<TrustedKey> keys, IReadOnlyList<KeyFileWarning>? warnings = null)
    {
        var unique = new List<TrustedKey>();
        // Of several copies of one key, one Mattermost reads comes first, as a server uses whichever copy it can read.
        foreach (var key in keys.OrderBy(k => k.MattermostSkipsBecause is null ? 0 : 1))
        {
            if (unique.Any(k => k.Fingerprint == key.Fingerprint))
                continue;
            unique.Add(key);
            foreach (var status in key.AllKeys)
                byKeyId.TryAdd(status.Key.KeyId, (key, status));
        }

        unique.Sort((a, b) => string.CompareOrdinal(a.Fingerprint, b.Fingerprint));
        Keys = unique.AsReadOnly();
        Warnings = warnings ?? [];
    }

    /// <summary>The keys, by fingerprint; a keyring never changes once made.</summary>
    public IReadOnlyList<TrustedKey> Keys { get; }

    /// <summary>What was found and not used: revocation certificates that revoke no trusted key, folders inside the keys folder.</summary>
    public IReadOnlyList<KeyFileWarning> Warnings { get; }

    /// <summary>Loads every key file of <paramref name="folder"/> (missing folder: no keys).</summary>
    /// <exception cref="KeyFileException">A file there is not a public key or revocation certificate.</exception>
    public static TrustedKeyring LoadFolder(string folder, string displayFolder) =>
        Load(FilesIn(folder, displayFolder), FoldersIn(folder, displayFolder));

    /// <summary>The key files of <paramref name="folder"/> (missing folder: none), each with the name it is shown by.</summary>
    /// <exception cref="KeyFileException">The folder is a file, or cannot be read.</exception>
    public static IReadOnlyList<(string Path, string Display)> FilesIn(string folder, string displayFolder)
    {
        if (File.Exists(folder))
            throw new KeyFileException(displayFolder, "is a file; trusted keys go in a folder of key files");
        return Listed(folder, displayFolder, () => KeyFilePatterns
            .SelectMany(pattern => Directory.EnumerateFiles(folder, pattern, SearchOption.TopDirectoryOnly))
            .Order(StringComparer.Ordinal)
            .Select(file => (file, Path.Combine(displayFolder, EscapedName.Of(Path.GetFileName(file)))))
            .ToList());
    }

    /// <summary>
    /// The folders inside the keys folder, each a warning: only its own files are read, so a key or revocation certificate
    /// in a folder there (gpg's <c>openpgp-revocs.d/</c>, copied whole) would otherwise be left out without a word.
    /// Hidden ones (<c>.git</c>) are nobody's keys.
    /// </summary>
    private static List<KeyFileWarning> FoldersIn(string folder, string displayFolder) =>
        Listed(folder, displayFolder, () => Directory.EnumerateDirectories(folder, "*", SearchOption.TopDirectoryOnly)
            .Select(Path.GetFileName)
            .Where(name => !name!.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(name => new KeyFileWarning(Path.Combine(displayFolder, EscapedName.Of(name!)),
                $"is a folder; only the files directly in {displayFolder}/ are read, so no key or revocation certificate in it is used"))
            .ToList());

    /// <summary>What <paramref name="list"/> finds in <paramref name="folder"/>; nothing when it is missing.</summary>
    /// <exception cref="KeyFileException">The folder cannot be read.</exception>
    private static List<T> Listed<T>(string folder, string displayFolder, Func<List<T>> list)
    {
        if (!Directory.Exists(folder))
            return [];
        try
        {
            return list();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException(displayFolder, $"cannot be read ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>
    /// Loads key files. A key revocation certificate among them, in a file of its own as gpg makes them, revokes the
    /// trusted key that made it exactly as one inside the key's own block would: it joins that key's ring, where
    /// <see cref="SelfSignatures"/> finds it. One that revokes no trusted key (made by another key, damaged or forged)
    /// changes nothing and is a warning naming its file.
    /// </summary>
    /// <exception cref="KeyFileException">A file is not a public key or revocation certificate.</exception>
    /// <param name="noticed">Warnings found before the files were read, kept first.</param>
    public static TrustedKeyring Load(IEnumerable<(string Path, string Display)> files, IEnumerable<KeyFileWarning>? noticed = null)
    {
        var rings = new List<(PgpPublicKeyRing Ring, string File)>();
        var revocations = new List<(PgpSignature Signature, string File)>();
        foreach (var (path, display) in files)
        {
            var (keys, revocationsInFile) = KeyFileReader.ReadTrustedKeys(path, display);
            rings.AddRange(keys.Select(ring => (ring, display)));
            revocations.AddRange(revocationsInFile.Select(signature => (signature, display)));
        }

        var warnings = new List<KeyFileWarning>(noticed ?? []);
        foreach (var (revocation, file) in revocations)
        {
            // Every copy of the key is revoked: the keyring keeps one copy of each, whichever file comes first.
            var issuers = Enumerable.Range(0, rings.Count).Where(i => rings[i].Ring.GetPublicKey().KeyId == revocation.KeyId).ToList();
            var revoked = 0;
            foreach (var i in issuers)
            {
                if (SelfSignatures.WithRevocation(rings[i].Ring, revocation) is { } ring)
                {
                    rings[i] = (ring, rings[i].File);
                    revoked++;
                }
            }

            if (issuers.Count == 0)
            {
                warnings.Add(new KeyFileWarning(file,
                    $"revocation certificate by key {Fingerprints.LongKeyId(revocation.KeyId)}, which is not a trusted key: it revokes nothing"));
            }
            else if (revoked == 0)
            {
                var names = string.Join(", ", issuers.Select(i => Fingerprints.Of(rings[i].Ring.GetPublicKey())).Distinct());
                warnings.Add(new KeyFileWarning(file,
                    $"revocation certificate for key {names} does not verify (damaged, or not made by that key): it revokes nothing"));
            }
        }

        return new TrustedKeyring(rings.Select(r => new TrustedKey(r.Ring, r.File)), warnings);
    }

    public (TrustedKey Owner, SigningKeyStatus Key)? Find(long keyId) =>
        byKeyId.TryGetValue(keyId, out var found) ? found : null;
}
