using System.Formats.Tar;
using System.IO.Compression;

namespace Mirror.Core.Bundles.Archive;

/// <summary>
/// Reads a plugin bundle's gzip tar in one forward pass, as Mattermost would extract it, refusing anything that it
/// would mis-extract or that could escape; keeps only the small files needed later (manifests, SVGs, READMEs).
/// </summary>
internal static class ArchiveReader
{
    public static readonly IReadOnlyList<string> ManifestNames = ["plugin.yml", "plugin.yaml", "plugin.json"];

    /// <exception cref="BundleRefusedException">The archive is damaged, unsafe or passes a cap.</exception>
    public static ArchiveContents Read(ObservedStream source, ArchiveLimits limits)
    {
        var walk = new Walk(limits);
        var marker = new GzipEndMarker();
        using var gzip = new GZipStream(marker.Packed(source), CompressionMode.Decompress, leaveOpen: true);
        var unpacked = new CountingStream(marker.Unpacked(gzip), limits.MaxUnpackedBytes, cap => $"unpacks to more than {Sizes.Describe(cap)}");
        try
        {
            using (var tar = new TarReader(new TarHeaderGuard(unpacked), leaveOpen: true))
            {
                while (tar.GetNextEntry(copyData: false) is { } entry)
                    walk.Visit(entry);
            }

            RequireOnlyPadding(unpacked);
            source.DrainToEnd();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or OverflowException
            or InvalidOperationException or NotSupportedException or ArgumentException or IOException)
        {
            // A damaged gzip decompresses to garbage until its CRC is checked at the member's end, so the tar reader
            // may fail on that garbage first: the gzip's own fault, when it has one, is the reason to give.
            throw GzipFault(unpacked) ?? Damaged(e switch
            {
                EndOfStreamException when unpacked.Count == 0 => "damaged archive: the gzip data is empty, with no tar archive in it",
                EndOfStreamException => "damaged archive: the tar data ends in the middle of an entry (truncated)",
                _ => $"damaged archive: {e.Message.TrimEnd('.')}",
            });
        }
        catch (BundleRefusedException e) when (e.Code == BundleRefusalCodes.DamagedArchive)
        {
            // The same garbage fails the header checks that run before the tar reader sees a header (a checksum).
            throw GzipFault(unpacked) ?? e;
        }

        return walk.Finish();
    }

    /// <summary>Reads the rest of the gunzip's output (within the unpacked cap): the gzip's refusal if it is damaged or cut short, else null.</summary>
    private static BundleRefusedException? GzipFault(Stream unpacked)
    {
        try
        {
            unpacked.CopyTo(Stream.Null);
            return null;
        }
        catch (BundleRefusedException e) when (e.Code == BundleRefusalCodes.DamagedArchive)
        {
            return e;
        }
        catch (Exception e) when (e is BundleRefusedException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// After the tar's end marker only zero blocks may follow; anything else was smuggled in, unless the gzip itself
    /// is damaged: a file cut short inside its last deflate block decompresses the bytes that follow it to garbage.
    /// </summary>
    private static void RequireOnlyPadding(Stream unpacked)
    {
        var buffer = new byte[16384];
        int read;
        while ((read = unpacked.Read(buffer)) > 0)
        {
            if (buffer.AsSpan(0, read).ContainsAnyExcept((byte)0))
                throw GzipFault(unpacked) ?? Damaged("damaged archive: data after the tar's end-of-archive marker");
        }
    }

    private static BundleRefusedException Damaged(string message) => new(BundleRefusalCodes.DamagedArchive, message);

    private sealed class Walk(ArchiveLimits limits)
    {
        private readonly HashSet<string> files = new(StringComparer.Ordinal);
        private readonly HashSet<string> directories = new(StringComparer.Ordinal);
        private readonly Dictionary<string, byte[]> kept = new(StringComparer.Ordinal);
        private readonly HashSet<string> tooLarge = new(StringComparer.Ordinal);
        private int entries;
        private long keptBytes;

        public void Visit(TarEntry entry)
        {
            if (++entries > limits.MaxEntries)
                throw new BundleRefusedException(BundleRefusalCodes.TooLarge, $"more than {limits.MaxEntries:N0} entries in the archive");
            if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
                return;
            if (entry.Name.Length > limits.MaxPathLength)
                throw new BundleRefusedException(BundleRefusalCodes.TooLarge, $"an entry name is {entry.Name.Length:N0} characters long (at most {limits.MaxPathLength:N0})");

            var path = EntryPaths.Normalize(entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    if (path.Length > 0)
                        directories.Add(path);
                    return;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    if (path.Length == 0)
                        throw Damaged("damaged archive: a file entry without a name");
                    if (!files.Add(path))
                        throw new BundleRefusedException(BundleRefusalCodes.UnsafeEntry, $"entry {EntryPaths.Quote(path)} appears twice in the archive");
                    KeepIfWanted(path, entry);
                    return;
                default:
                    throw new BundleRefusedException(BundleRefusalCodes.UnsafeEntry,
                        $"entry {EntryPaths.Quote(path)} is a {Describe(entry.EntryType)}; a bundle may hold only folders and regular files");
            }
        }

        private void KeepIfWanted(string path, TarEntry entry)
        {
            // The header says how large the data is: a manifest bomb is refused before a byte of it is unpacked.
            if (IsManifestName(path) && entry.Length > limits.MaxManifestBytes)
            {
                throw new BundleRefusedException(BundleRefusalCodes.TooLarge,
                    $"{EntryPaths.Quote(path)} is {entry.Length:N0} bytes, larger than a manifest may be ({Sizes.Describe(limits.MaxManifestBytes)})");
            }

            var cap = CapFor(path);
            if (cap == 0)
                return;

            if (entry.Length > cap || keptBytes + entry.Length > limits.MaxBufferedBytes)
            {
                tooLarge.Add(path);
                return;
            }

            var bytes = new byte[entry.Length];
            if (entry.DataStream is { } data)
                data.ReadExactly(bytes);
            keptBytes += bytes.Length;
            kept[path] = bytes;
        }

        private int CapFor(string path)
        {
            var depth = path.Count(c => c == '/');
            var name = path[(path.LastIndexOf('/') + 1)..];
            if (IsManifestName(path))
                return limits.MaxManifestBytes;
            if (depth <= 1 && name.Equals("README.md", StringComparison.OrdinalIgnoreCase))
                return limits.MaxReadmeBytes;
            if (name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
                return limits.MaxIconBytes;
            return 0;
        }

        private static bool IsManifestName(string path) =>
            path.Count(c => c == '/') <= 1 && ManifestNames.Contains(path[(path.LastIndexOf('/') + 1)..], StringComparer.Ordinal);

        public ArchiveContents Finish()
        {
            RequireNoFileIsAFolder();
            var topLevel = files.Concat(directories).Select(p => p.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
            var root = topLevel.Count == 1 && !files.Contains(topLevel.First()) ? topLevel.First() + "/" : "";
            return new ArchiveContents(root, files, kept, tooLarge);
        }

        /// <summary>
        /// A path that is a file and also a folder (an entry of its own, or the folder of another entry) cannot be
        /// extracted: Mattermost's extraction fails on the second of them, whichever comes first.
        /// </summary>
        private void RequireNoFileIsAFolder()
        {
            var folders = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var path in files.Concat(directories))
            {
                for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
                    folders.TryAdd(path[..slash], path);
            }

            foreach (var folder in directories)
                folders.TryAdd(folder, folder);
            if (files.FirstOrDefault(folders.ContainsKey) is { } file)
            {
                var folder = folders[file] == file ? "a folder entry of that name" : $"the folder of {EntryPaths.Quote(folders[file])}";
                throw new BundleRefusedException(BundleRefusalCodes.UnsafeEntry,
                    $"entry {EntryPaths.Quote(file)} is a file and also a folder ({folder}); no extraction can make both");
            }
        }

        /// <summary>What an entry is, in words; other types by their header's type byte, since .NET has no words for them.</summary>
        private static string Describe(TarEntryType type) => type switch
        {
            TarEntryType.SymbolicLink => "symbolic link",
            TarEntryType.HardLink => "hard link",
            TarEntryType.CharacterDevice or TarEntryType.BlockDevice => "device file",
            TarEntryType.Fifo => "named pipe",
            _ => $"tar entry of type {TypeByte(type)} ({GnuName(type)})",
        };

        private static string GnuName(TarEntryType type) => type switch
        {
            TarEntryType.RenamedOrSymlinked => "GNU renamed or symlinked",
            TarEntryType.MultiVolume => "GNU multi-volume continuation",
            TarEntryType.TapeVolume => "GNU tape volume label",
            TarEntryType.DirectoryList => "GNU folder listing",
            _ => "unknown",
        };

        private static string TypeByte(TarEntryType type) =>
            char.IsAsciiLetterOrDigit((char)type) ? $"'{(char)type}'" : $"0x{(byte)type:x2}";
    }
}
