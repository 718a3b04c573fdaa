using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;

namespace Mirror.OpenPgp;

/// <summary>
/// What BouncyCastle throws on bytes that are not the OpenPGP data they claim to be. It has no common base: some
/// derive from plain <see cref="Exception"/> (<see cref="UnsupportedPacketVersionException"/>), found by mutation tests.
/// </summary>
internal static class MalformedInput
{
    public static bool Is(Exception e) =>
        e is IOException or PgpException or CryptoException or UnsupportedPacketVersionException or ArgumentException
            or InvalidOperationException or NotSupportedException or OverflowException or IndexOutOfRangeException or FormatException;
}
