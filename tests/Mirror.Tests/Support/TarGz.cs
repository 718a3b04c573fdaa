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

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                tar.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
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
}
