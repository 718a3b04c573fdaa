using System.Buffers;
using System.Text;

namespace Mirror.Core.Verification.Caching;

/// <summary>The few shapes the cache file is made of, written and read the same way.</summary>
internal static class CacheBinary
{
    private const int StackBytes = 256;

    /// <summary>What <see cref="BinaryWriter"/> writes strings in; invalid bytes read as U+FFFD, as its reader decodes them.</summary>
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static void WriteNullable(this BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
            writer.Write(value);
    }

    public static string? ReadNullableString(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    /// <summary>
    /// A string written by <see cref="BinaryWriter.Write(string)"/>, as the pool's copy (<see cref="SharedStrings"/>):
    /// decoded where it lies, it is only made into a string the first time the build meets it.
    /// </summary>
    public static string ReadShared(this BinaryReader reader)
    {
        var length = reader.Read7BitEncodedInt();
        if (length == 0)
            return "";
        RequireWithin(reader, length);
        var (rentedBytes, rentedChars) = length > StackBytes ? (ArrayPool<byte>.Shared.Rent(length), ArrayPool<char>.Shared.Rent(length)) : (null, null);
        try
        {
            var bytes = (rentedBytes ?? stackalloc byte[StackBytes])[..length];
            Span<char> chars = rentedChars ?? stackalloc char[StackBytes];
            reader.BaseStream.ReadExactly(bytes);
            return SharedStrings.Of(chars[..Encoding.GetChars(bytes, chars)]);
        }
        finally
        {
            if (rentedBytes is not null)
                ArrayPool<byte>.Shared.Return(rentedBytes);
            if (rentedChars is not null)
                ArrayPool<char>.Shared.Return(rentedChars);
        }
    }

    public static void WriteBytes(this BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static byte[] ReadBytes(this BinaryReader reader)
    {
        var count = reader.ReadInt32();
        RequireWithin(reader, count);
        return reader.ReadBytes(count);
    }

    /// <summary>Parsed before its checksum is checked: a damaged length must not allocate more than the file holds.</summary>
    private static void RequireWithin(BinaryReader reader, int length)
    {
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new InvalidDataException("a length beyond the end of the cache");
    }

    public static void WriteStrings(this BinaryWriter writer, IReadOnlyCollection<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
            writer.Write(value);
    }

    public static List<string> ReadStrings(this BinaryReader reader) => reader.ReadStrings(r => r.ReadString());

    /// <summary>Strings written by <see cref="WriteStrings"/>, each the pool's copy (<see cref="ReadShared"/>).</summary>
    public static List<string> ReadSharedStrings(this BinaryReader reader) => reader.ReadStrings(r => r.ReadShared());

    private static List<string> ReadStrings(this BinaryReader reader, Func<BinaryReader, string> read)
    {
        var count = reader.ReadInt32();
        var values = new List<string>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++)
            values.Add(read(reader));
        return values;
    }

    public static void Write(this BinaryWriter writer, FileIdentity identity)
    {
        writer.Write(identity.Device);
        writer.Write(identity.Inode);
        writer.Write(identity.Size);
        writer.Write(identity.ModifiedNs);
        writer.Write(identity.ChangedNs);
    }

    public static FileIdentity ReadIdentity(this BinaryReader reader) =>
        new(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());
}
