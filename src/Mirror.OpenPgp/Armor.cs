using Org.BouncyCastle.Bcpg;

namespace Mirror.OpenPgp;

/// <summary>ASCII armor without a <c>Version:</c> header, so that output does not depend on the library version.</summary>
internal static class Armor
{
    public static byte[] Wrap(Action<Stream> writeBinary)
    {
        using var buffer = new MemoryStream();
        using (var armor = ArmoredOutputStream.Build().ClearHeaders().Build(buffer))
            writeBinary(armor);

        return buffer.ToArray();
    }
}
