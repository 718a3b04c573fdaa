namespace Mirror.Core.Verification.Caching;

/// <summary>The few shapes the cache file is made of, written and read the same way.</summary>
internal static class CacheBinary
{
    public static void WriteNullable(this BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
            writer.Write(value);
    }

    public static string? ReadNullableString(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    public static void WriteBytes(this BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static byte[] ReadBytes(this BinaryReader reader)
    {
        var count = reader.ReadInt32();
        // Parsed before its checksum is checked: a damaged length must not allocate more than the file holds.
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new InvalidDataException("a length beyond the end of the cache");
        return reader.ReadBytes(count);
    }

    public static void WriteStrings(this BinaryWriter writer, IReadOnlyCollection<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
            writer.Write(value);
    }

    public static List<string> ReadStrings(this BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var values = new List<string>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++)
            values.Add(reader.ReadString());
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
