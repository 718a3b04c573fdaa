using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Mirror.Tests.Support;

/// <summary>Builds real tar.gz bundles in memory, including entries no honest tool would write.</summary>
public sealed class TarGz
{
    private static readonly DateTimeOffset FixedTime = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<TarEntry> entries = [];

    public TarGz File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    public TarGz File(string name, byte[] content)
    {
        entries.Add(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = FixedTime });
        return this;
    }

    public TarGz Folder(string name)
    {
        entries.Add(new PaxTarEntry(TarEntryType.Directory, name) { ModificationTime = FixedTime });
        return this;
    }

    public TarGz Link(string name, string target, TarEntryType type = TarEntryType.SymbolicLink)
    {
        entries.Add(new PaxTarEntry(type, name) { LinkName = target, ModificationTime = FixedTime });
        return this;
    }

    public TarGz Entry(TarEntry entry)
    {
        entries.Add(entry);
        return this;
    }

    /// <summary>A file of <paramref name="length"/> copies of one byte, streamed: a bomb that never sits in memory.</summary>
    public TarGz Repeated(string name, long length, byte fill = (byte)' ')
    {
        entries.Add(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new RepeatedByteStream(fill, length), ModificationTime = FixedTime });
        return this;
    }

    public byte[] Build() => Gzip(BuildTar());

    public byte[] BuildTar()
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            WriteEntries(tar);
        return buffer.ToArray();
    }

    /// <summary>Compresses while writing, so a bomb of hundreds of MB costs only its compressed size in memory.</summary>
    public byte[] BuildStreaming()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
            WriteEntries(tar);
        return buffer.ToArray();
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(raw);
        return buffer.ToArray();
    }

    private void WriteEntries(TarWriter tar)
    {
        foreach (var entry in entries)
        {
            entry.DataStream?.Seek(0, SeekOrigin.Begin);
            tar.WriteEntry(entry);
        }
    }

    private sealed class RepeatedByteStream(byte fill, long length) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            buffer.AsSpan(offset, n).Fill(fill);
            position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A minimal valid plugin: a top folder with a JSON manifest and an SVG icon.</summary>
    public static TarGz Plugin(string id, string version, string? minServer = null, string name = "Test Plugin", string extraJson = "")
    {
        var min = minServer is null ? "" : $", \"min_server_version\": \"{minServer}\"";
        return new TarGz()
            .Folder($"{id}/")
            .File($"{id}/plugin.json", $$"""{"id": "{{id}}", "name": "{{name}}", "description": "A plugin for tests.", "version": "{{version}}"{{min}}, "icon_path": "icon.svg"{{extraJson}}}""")
            .File($"{id}/icon.svg", """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>""");
    }

    /// <summary>A plugin with a server executable for each of <paramref name="platforms"/>: one names a platform bundle, several the generic one.</summary>
    public static TarGz ServerPlugin(string id, string version, IReadOnlyList<string> platforms, string? minServer = null, string name = "Test Plugin")
    {
        var executables = string.Join(", ", platforms.Select(p => $"\"{p}\": \"server/plugin-{p}\""));
        var bundle = Plugin(id, version, minServer, name, $", \"server\": {{\"executables\": {{{executables}}}}}");
        foreach (var platform in platforms)
            bundle.File($"{id}/server/plugin-{platform}", $"#!/bin/sh\necho {platform}\n");
        return bundle;
    }
}
