using Mirror.Core.Rendering;
using Mirror.Core.Scanning;
using Mirror.Core.Settings;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Syncing;

/// <summary>
/// What <c>sync</c> and <c>import</c> share once they know the entries: check the catalog, bring every planned bundle,
/// then record the marketplace fields in mirror.json, write the trusted keys into <c>keys/</c> and rewrite SHA256SUMS.
/// </summary>
public sealed class SyncRun
{
    private SyncRun(string catalogDir, TrustedKeyring trust)
    {
        CatalogDir = catalogDir;
        Trust = trust;
    }

    public string CatalogDir { get; }

    public TrustedKeyring Trust { get; }

    /// <summary>Opens (or creates) the catalog and loads the trust anchors: <paramref name="keyPaths"/>, or Mattermost's key.</summary>
    /// <exception cref="MirrorException">The catalog is a file, or its mirror.json or keys, or a --keys path, is bad: nothing written.</exception>
    public static SyncRun Open(string catalogDir, IReadOnlyList<string> keyPaths)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(catalogDir));
        if (File.Exists(full))
            throw new MirrorException($"--to \"{catalogDir}\" is a file, not a catalog folder");
        if (Directory.Exists(full))
        {
            // A catalog that build would refuse is reported before anything is downloaded into it.
            _ = CatalogInput.Load(full);
        }

        var trust = keyPaths.Count > 0 ? CatalogInput.LoadKeyring(keyPaths) : MattermostKey.Keyring();
        if (trust.Keys.Count == 0)
            throw new MirrorException($"--keys {string.Join(", ", keyPaths)}: no public key found");
        Directory.CreateDirectory(full);
        return new SyncRun(full, trust);
    }

    public SyncReport Bring(SyncPlan plan, IBundleSource source, Action<WantedBundle>? starting, Func<long> bytesReceived)
    {
        var sync = new CatalogSync(CatalogDir, Trust, source) { Starting = starting };
        var outcomes = new List<SyncOutcome>(plan.Refused);
        var kept = new List<WantedBundle>();
        foreach (var bundle in plan.Wanted.OrderBy(b => b.RelativePath, StringComparer.Ordinal))
        {
            var outcome = sync.Bring(bundle);
            outcomes.Add(outcome);
            if (outcome.IsKept)
                kept.Add(bundle);
        }

        sync.Tidy();
        var notes = new List<string>(SettingsMerge.Record(CatalogDir, kept));
        if (kept.Count > 0)
            notes.AddRange(WriteKeys());
        TransferManifest.Write(CatalogDir);
        return new SyncReport(outcomes.OrderBy(o => o.Plugin, StringComparer.Ordinal).ToList(), notes, bytesReceived());
    }

    /// <summary>The trust anchors go into <c>keys/</c>, so that build trusts what sync trusted; a key already there is not written twice.</summary>
    private IEnumerable<string> WriteKeys()
    {
        var folder = Path.Combine(CatalogDir, CatalogScanner.KeysFolder);
        var present = TrustedKeyring.LoadFolder(folder, CatalogScanner.KeysFolder).Keys.Select(k => k.Fingerprint).ToHashSet(StringComparer.Ordinal);
        foreach (var key in Trust.Keys.Where(k => !present.Contains(k.Fingerprint)))
        {
            WholeFile.Write(Path.Combine(folder, KeysFolder.KeyFileName(key)), key.ExportArmored());
            yield return $"trusted key {key.Fingerprint} ({key.UserId}) written to {CatalogScanner.KeysFolder}/{KeysFolder.KeyFileName(key)}";
        }
    }
}
