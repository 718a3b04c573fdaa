using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mirror.Core.Rendering.Json;

/// <summary>One JSON style for every file we write: two-space indents, '\n' line ends, a final newline, so output is byte-stable.</summary>
internal static class JsonOutput
{
    /// <summary>
    /// Readable like Go's output ('+' in a data URI stays '+'): these files are served as application/json, never
    /// inlined into HTML; the pages escape every value on their own.
    /// </summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const int FlushThreshold = 1 << 16;

    /// <summary>A moment as every JSON file here writes it: UTC, to the second, as Go's marketplace writes <c>updated_at</c>.</summary>
    public static string Rfc3339(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static byte[] Render(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
            write(writer);
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static void WriteFile(ISiteOutput site, string relativePath, Action<Utf8JsonWriter> write) => site.Write(relativePath, Render(write));

    /// <summary>A file too large to hold whole (a listing of every plugin version), written as it is made.</summary>
    public static void WriteLargeFile(ISiteOutput site, string relativePath, Action<Utf8JsonWriter> write) =>
        site.WriteStreamed(relativePath, file => WriteTo(file, write));

    /// <summary>The same bytes as <see cref="Render"/>, written to <paramref name="file"/> as they are made.</summary>
    public static void WriteTo(Stream file, Action<Utf8JsonWriter> write)
    {
        using (var writer = new Utf8JsonWriter(file, Options))
            write(writer);
        file.WriteByte((byte)'\n');
    }

    public static void WriteArray<T>(this Utf8JsonWriter writer, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writeItem(writer, item);
            // A writer over a stream holds everything written until it is flushed.
            if (writer.BytesPending > FlushThreshold)
                writer.Flush();
        }

        writer.WriteEndArray();
    }
}
