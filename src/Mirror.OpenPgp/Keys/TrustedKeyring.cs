namespace Mirror.OpenPgp.Keys;

/// <summary>The trusted keys of a catalog: every <c>*.asc</c> and <c>*.gpg</c> file of one folder, de-duplicated.</summary>
public sealed class TrustedKeyring
{
    public static readonly string[] KeyFilePatterns = ["*.asc", "*.gpg"];

    private readonly Dictionary<long, (TrustedKey Owner, SigningKeyStatus Key)> byKeyId = [];

    public TrustedKeyring(IEnumerable<TrustedKey> keys)
    {
        foreach (var key in keys)
        {
            if (Keys.Any(k => k.Fingerprint == key.Fingerprint))
                continue;
            Keys.Add(key);
            foreach (var status in key.AllKeys)
                byKeyId.TryAdd(status.Key.KeyId, (key, status));
        }

        Keys.Sort((a, b) => string.CompareOrdinal(a.Fingerprint, b.Fingerprint));
    }

    public List<TrustedKey> Keys { get; } = [];

    /// <summary>Loads every key file of <paramref name="folder"/> (missing folder: no keys).</summary>
    /// <exception cref="KeyFileException">A file there is not a public key.</exception>
    public static TrustedKeyring LoadFolder(string folder, string displayFolder)
    {
        if (File.Exists(folder))
            throw new KeyFileException(displayFolder, "is a file; trusted keys go in a folder of key files");
        if (!Directory.Exists(folder))
            return new TrustedKeyring([]);
        List<string> files;
        try
        {
            files = KeyFilePatterns
                .SelectMany(pattern => Directory.EnumerateFiles(folder, pattern, SearchOption.TopDirectoryOnly))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException(displayFolder, $"cannot be read ({e.Message.TrimEnd('.')})");
        }

        var keys = new List<TrustedKey>();
        foreach (var file in files)
        {
            var display = Path.Combine(displayFolder, Path.GetFileName(file));
            keys.AddRange(KeyFileReader.ReadPublicKeys(file, display).Select(ring => new TrustedKey(ring, display)));
        }

        return new TrustedKeyring(keys);
    }

    public (TrustedKey Owner, SigningKeyStatus Key)? Find(long keyId) =>
        byKeyId.TryGetValue(keyId, out var found) ? found : null;
}
