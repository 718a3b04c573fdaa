using System.IO.Hashing;
using System.Text;

namespace Mirror.Core;

/// <summary>
/// A 128-bit hash (XXH128) over parts, each prefixed with its length so that no two lists of parts hash the same bytes:
/// what the build cache's keys and the templates' fingerprint are made of. Not a cryptographic hash, on purpose: a key
/// only tells "same inputs" from "changed inputs" and is no defence: whoever can write the cache file can write any
/// record into it, whatever the hash. The truth about a bundle is still its SHA-256. XXH128 runs at the speed of
/// memory: with SHA-256, these keys and the build cache's checksum (the same hash) took 8 ms of processor time of a
/// no-change rebuild of 2,000 bundles.
/// </summary>
internal sealed class ContentKey
{
    private readonly XxHash128 hash = new();

    public ContentKey Add(string text) => Add(Encoding.UTF8.GetBytes(text));

    public ContentKey Add(ReadOnlySpan<byte> bytes)
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(length, bytes.Length);
        hash.Append(length);
        hash.Append(bytes);
        return this;
    }

    /// <summary>The key, as lowercase hex.</summary>
    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset());
}
