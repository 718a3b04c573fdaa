using Mirror.Core.Scanning;
using Mirror.OpenPgp;
using Mirror.OpenPgp.Keys;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.Core.KeyManagement;

/// <summary>
/// The trusted keys of a catalog (<c>CATALOG/keys/</c>): list, add, remove. Every file given is checked before
/// anything is written, and each file is written whole (temporary file, then rename).
/// </summary>
internal sealed class CatalogKeys
{
    private readonly string catalogDir;

    private CatalogKeys(string catalogDir, TrustedKeyring keyring)
    {
        this.catalogDir = catalogDir;
        Keyring = keyring;
    }

    public TrustedKeyring Keyring { get; }

    private string KeysDir => Path.Combine(catalogDir, CatalogScanner.KeysFolder);

    /// <exception cref="MirrorException">No such catalog, or a key file in it is bad.</exception>
    public static CatalogKeys Open(string catalogDir)
    {
        var full = Path.GetFullPath(catalogDir);
        CatalogInput.RequireFolder(full, catalogDir);
        try
        {
            return new CatalogKeys(full, TrustedKeyring.LoadFolder(Path.Combine(full, CatalogScanner.KeysFolder), CatalogScanner.KeysFolder));
        }
        catch (KeyFileException e)
        {
            throw new MirrorException(e.Message);
        }
    }

    public IReadOnlyList<KeyListing> List(DateTimeOffset now) =>
        Keyring.Keys.Select(k => new KeyListing(k, KeyAssessment.Of(k, now))).ToList();

    /// <summary>Adds every key of <paramref name="files"/> that is not trusted yet, as <c>keys/FINGERPRINT.asc</c>.</summary>
    /// <exception cref="MirrorException">A file is missing, not a public key, or holds a key Mattermost cannot use: nothing is added.</exception>
    public IReadOnlyList<KeyChange> Add(IReadOnlyList<string> files, DateTimeOffset now)
    {
        var incoming = new List<(string File, TrustedKey Key, KeyAssessment Assessment)>();
        foreach (var file in files)
        {
            IReadOnlyList<PgpPublicKeyRing> rings;
            try
            {
                rings = KeyFileReader.ReadPublicKeys(file, DisplayName.Escape(file));
            }
            catch (KeyFileException e)
            {
                throw new MirrorException($"{e.Message}; nothing added");
            }

            foreach (var ring in rings)
            {
                var key = new TrustedKey(ring, file);
                var assessment = KeyAssessment.Of(key, now);
                if (!assessment.MattermostCanUse)
                {
                    throw new MirrorException($"{DisplayName.Escape(file)}: key {key.Fingerprint} cannot verify plugins for Mattermost " +
                        $"({string.Join("; ", assessment.Warnings.Select(Words))}); nothing added");
                }

                incoming.Add((file, key, assessment));
            }
        }

        var changes = new List<KeyChange>();
        foreach (var (file, key, assessment) in incoming)
        {
            var trusted = Keyring.Keys.FirstOrDefault(k => k.Fingerprint == key.Fingerprint);
            // A revoked key stays revoked, whatever copy comes: its revocation certificate is in the keys folder.
            var existing = (trusted is { MattermostSkipsBecause: null } or { Primary.IsRevoked: true } ? trusted.SourceFile : null)
                ?? changes.FirstOrDefault(c => c.Fingerprint == key.Fingerprint && c.Kind == KeyChangeKind.Added)?.File;
            if (existing is not null)
            {
                changes.Add(new KeyChange(KeyChangeKind.AlreadyTrusted, key.Fingerprint, key.UserId, existing, []));
                continue;
            }

            // A trusted copy Mattermost cannot read (a subkey it skips) is joined by this one, which it can, and which the
            // keyring then uses. Never written over: the file may hold revocation certificates too.
            var target = Path.Combine(KeysDir, $"{key.Fingerprint}.asc");
            if (File.Exists(target))
            {
                throw new MirrorException(trusted is null
                    ? $"{Display(target)} already exists and holds other keys; nothing more added"
                    : $"{Display(target)} holds a copy of key {key.Fingerprint} that Mattermost cannot use ({trusted.MattermostSkipsBecause}); " +
                      $"remove it (`mirror keys remove {key.Fingerprint}`), then add this copy; nothing more added");
            }
            Directory.CreateDirectory(KeysDir);
            WholeFile.Write(target, key.ExportArmored());
            IReadOnlyList<string> notes = trusted?.MattermostSkipsBecause is { } skipped
                ? [.. assessment.Warnings, $"replaces, as the copy used, the trusted copy in {trusted.SourceFile}, which Mattermost cannot use ({skipped})"]
                : assessment.Warnings;
            changes.Add(new KeyChange(KeyChangeKind.Added, key.Fingerprint, key.UserId, Display(target), notes));
        }

        return changes;
    }

    /// <summary>
    /// Removes each selected key from every file that holds it (the keyring keeps one copy of a key held by several
    /// files, but each copy trusts it), and its revocation certificates from every file (one left in a file of its own,
    /// gpg's <c>FINGERPRINT.rev</c>, would revoke nothing and warn on every run); a file goes when it holds nothing else.
    /// </summary>
    /// <exception cref="MirrorException">A selector is not a fingerprint or long key id, or no trusted key matches it: nothing is removed.</exception>
    public IReadOnlyList<KeyChange> Remove(IReadOnlyList<string> selectors)
    {
        var doomed = new List<TrustedKey>();
        foreach (var text in selectors)
        {
            if (!KeySelector.TryParse(text, out var selector))
                throw new MirrorException($"\"{text}\" is not a fingerprint (40 hex digits) or long key id (16); nothing removed");
            var matches = Keyring.Keys.Where(k => KeySelector.Matches(selector, k.Fingerprint)).ToList();
            if (matches.Count == 0)
                throw new MirrorException($"no trusted key {selector} in {CatalogScanner.KeysFolder}/; nothing removed (see `mirror keys list`)");
            doomed.AddRange(matches.Where(m => !doomed.Contains(m)));
        }

        // Every file is read before any is written.
        var fingerprints = doomed.Select(k => k.Fingerprint).ToHashSet();
        var keyIds = doomed.Select(k => k.Primary.Key.KeyId).ToHashSet();
        var holders = new List<(string Path, string Display, KeyFileContents Contents, HashSet<string> Held)>();
        foreach (var (path, display) in KeyFiles())
        {
            var contents = Read(path, display);
            var held = contents.Keys.Select(ring => Fingerprints.Of(ring.GetPublicKey())).Where(fingerprints.Contains)
                .Concat(doomed.Where(k => contents.Revocations.Any(r => r.KeyId == k.Primary.Key.KeyId)).Select(k => k.Fingerprint))
                .ToHashSet();
            if (held.Count > 0)
                holders.Add((path, display, contents, held));
        }

        foreach (var (path, _, contents, _) in holders)
            RewriteWithout(path, contents, fingerprints, keyIds);
        return doomed
            .SelectMany(k => holders.Where(h => h.Held.Contains(k.Fingerprint)).Select(h => new KeyChange(KeyChangeKind.Removed, k.Fingerprint, k.UserId, h.Display, [])))
            .ToList();
    }

    private IReadOnlyList<(string Path, string Display)> KeyFiles()
    {
        try
        {
            return TrustedKeyring.FilesIn(KeysDir, CatalogScanner.KeysFolder);
        }
        catch (KeyFileException e)
        {
            throw new MirrorException($"{e.Message}; nothing removed");
        }
    }

    private static KeyFileContents Read(string path, string display)
    {
        try
        {
            var (keys, revocations) = KeyFileReader.ReadTrustedKeys(path, display);
            return new KeyFileContents(keys, revocations);
        }
        catch (KeyFileException e)
        {
            throw new MirrorException($"{e.Message}; nothing removed");
        }
    }

    /// <summary>
    /// A key file may hold several keys, and revocation certificates: keep the other keys, and the certificates that are
    /// not for a key removed (<paramref name="keyIds"/>, their primary keys' ids), in the file's own format.
    /// </summary>
    private static void RewriteWithout(string path, KeyFileContents contents, HashSet<string> fingerprints, HashSet<long> keyIds)
    {
        var rest = contents.Keys.Where(ring => !fingerprints.Contains(Fingerprints.Of(ring.GetPublicKey()))).ToList();
        var keptRevocations = contents.Revocations.Where(r => !keyIds.Contains(r.KeyId)).ToList();
        if (rest.Count == 0 && keptRevocations.Count == 0)
        {
            File.Delete(path);
            return;
        }

        // Certificates first: in binary, a signature right after a key would be read as part of that key.
        void WriteRings(Stream stream)
        {
            keptRevocations.ForEach(revocation => revocation.Encode(stream));
            rest.ForEach(ring => ring.Encode(stream));
        }

        if (path.EndsWith(".gpg", StringComparison.OrdinalIgnoreCase))
        {
            using var binary = new MemoryStream();
            WriteRings(binary);
            WholeFile.Write(path, binary.ToArray());
        }
        else
        {
            WholeFile.Write(path, Armor.Wrap(WriteRings));
        }
    }

    private string Display(string path) => CatalogScanner.Relative(catalogDir, path);

    private static string Words(string warning) => warning[(warning.IndexOf(": ", StringComparison.Ordinal) + 2)..];

    private sealed record KeyFileContents(IReadOnlyList<PgpPublicKeyRing> Keys, IReadOnlyList<PgpSignature> Revocations);
}
