using Mirror.Core.Scanning;
using Mirror.Core.Settings;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Pipeline;

/// <summary>A catalog folder read for checking: its settings, its trusted keys and its bundles.</summary>
public sealed record CatalogInput(string CatalogDir, SettingsFile Settings, TrustedKeyring Keyring, IReadOnlyList<BundleCandidate> Candidates)
{
    /// <exception cref="MirrorException">The folder is missing, or mirror.json or a key file is bad.</exception>
    public static CatalogInput Load(string catalogDir)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(catalogDir));
        if (!Directory.Exists(full))
            throw new MirrorException($"catalog folder \"{catalogDir}\" does not exist");
        var settings = SettingsFile.Load(full);
        TrustedKeyring keyring;
        try
        {
            keyring = TrustedKeyring.LoadFolder(Path.Combine(full, CatalogScanner.KeysFolder), CatalogScanner.KeysFolder);
        }
        catch (KeyFileException e)
        {
            throw new MirrorException(e.Message);
        }

        return new CatalogInput(full, settings, keyring, CatalogScanner.Scan(full));
    }
}
