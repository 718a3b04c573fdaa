using System.Text.Json;
using Mirror.Core.Publishing;
using Mirror.Core.Verification.Caching;
using Mirror.OpenPgp.Files;

namespace Mirror.Core.Pipeline;

/// <summary>
/// The build cache: one file holding what each bundle's check found and what the published site holds, so that a
/// rebuild reads and verifies only the bundles that changed, takes unchanged files from the previous site by hard
/// links, and does nothing at all when nothing changed. Never trusted blindly: a file that is damaged (its trailing
/// checksum does not match), from another version of the tool, or keyed on other trusted keys or caps is ignored
/// (the build is then a cold one and writes a new cache). It is written whole (a temporary file, then a rename) after
/// the site is published, so a build killed at any moment leaves the previous cache or none.
/// </summary>
internal sealed class BuildCache
{
    public const string FileName = "build-cache.bin";
    private const string Magic = "plugin-mirror build cache 6";

    private BuildCache(CheckCache checks, PreviousSite previous, string siteKey)
    {
        Checks = checks;
        Previous = previous;
        SiteKey = siteKey;
    }

    public CheckCache Checks { get; }

    public PreviousSite Previous { get; }

    /// <summary>The <see cref="BuildKeys.Site"/> of the published site ("" when unknown).</summary>
    public string SiteKey { get; }

    public static BuildCache Empty => new(CheckCache.Empty, PreviousSite.None, "");

    /// <summary>The default place: a hidden folder beside the output, like its lock and staging folders (same disk, so hard links work).</summary>
    public static string DefaultFolder(string output) =>
        Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.cache");

    /// <summary>
    /// Reads the cache. The site's records come first in the file: when the cache can describe the published site, its
    /// files are looked at in the background (<see cref="PreviousSite.StartLooking"/>) while the bundles' records are
    /// parsed, which a no-change rebuild otherwise did one after the other.
    /// </summary>
    public static BuildCache Load(string folder, string checksKey, string output)
    {
        PreviousSite? looking = null;
        try
        {
            // A regular file only: a FIFO put in its place would block the build forever.
            using var file = RegularFile.OpenRead(Path.Combine(folder, FileName), followLink: true, bufferSize: 0);
            using var pause = CollectionPause.For(file.Length);
            using var body = new ChecksummedReader(file);
            using var reader = new BinaryReader(body);
            if (reader.ReadString() != Magic || reader.ReadString() != BuildKeys.Tool)
                return Empty;
            var sameChecks = reader.ReadString() == checksKey;
            var sameOutput = reader.ReadString() == output;
            var recordedSiteKey = reader.ReadString();
            var siteKey = sameChecks && sameOutput ? recordedSiteKey : "";
            // Records are written in path order, one per path: one out of order is damage, refused as it is read (a hole
            // of zeros after a huge count parses as endless empty records, each one valid, which would fill the memory
            // before the checksum is reached).
            var files = ReadInOrder(reader, r => new SiteFileRecord(r.ReadString(), r.ReadString(), r.ReadIdentity(), r.ReadString()), f => f.Path);
            if (files is null)
                return Empty;
            var previous = sameOutput ? new PreviousSite(output, files) : PreviousSite.None;
            if (siteKey.Length > 0)
                (looking = previous).StartLooking();
            var checks = ReadInOrder(reader, CheckRecord.ReadFrom, c => c.RelativePath);

            // Parsed as it streamed by: damage found only now throws away what was made of it.
            if (checks is null || !body.EndsWithItsChecksum())
                return Stopped(looking);
            return new BuildCache(sameChecks ? new CheckCache(checks) : CheckCache.Empty, previous, siteKey);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException
            or ArgumentException or InvalidDataException or OverflowException or FileRefusedException or JsonException)
        {
            return Stopped(looking);
        }
    }

    /// <summary>A count, then that many records in strictly increasing key order; null when one is out of order.</summary>
    private static List<T>? ReadInOrder<T>(BinaryReader reader, Func<BinaryReader, T> read, Func<T, string> key)
    {
        var records = new List<T>();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var record = read(reader);
            if (i > 0 && string.CompareOrdinal(key(records[^1]), key(record)) >= 0)
                return null;
            records.Add(record);
        }

        return records;
    }

    private static BuildCache Stopped(PreviousSite? looking)
    {
        looking?.StopLooking();
        return Empty;
    }

    /// <exception cref="IOException">The cache cannot be written (the caller says so and carries on: the site is published).</exception>
    public static void Save(string folder, string checksKey, string output, string siteKey, IEnumerable<CheckRecord> checks,
        IReadOnlyCollection<SiteFileRecord> files)
    {
        // Written as it is made, the checksum last: of 20,000 bundles the cache is 40 MB, which a buffer held twice.
        WholeFile.Write(Path.Combine(folder, FileName), file =>
        {
            var body = new ChecksummedWriter(file);
            using (var writer = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(BuildKeys.Tool);
                writer.Write(checksKey);
                writer.Write(output);
                writer.Write(siteKey);
                writer.Write(files.Count);
                foreach (var record in files.OrderBy(r => r.Path, StringComparer.Ordinal))
                {
                    writer.Write(record.Path);
                    writer.Write(record.Sha256);
                    writer.Write(record.Identity);
                    writer.Write(record.InputsKey);
                }

                var records = checks.ToList();
                writer.Write(records.Count);
                foreach (var record in records)
                    record.WriteTo(writer);
            }

            body.Finish();
        });
    }
}
