using System.Collections.Concurrent;

namespace Mirror.Core;

/// <summary>
/// One copy of the values that many bundles repeat: a minimum server version, a description or icon shared by a
/// plugin's versions, a signer's name. A build of 20,000 bundles held tens of thousands of equal strings. Only for
/// values that repeat; the pool lives as long as the process, so it is bounded, and past its bound a value is
/// returned as it is.
/// </summary>
internal static class SharedStrings
{
    private const int MaxValues = 1 << 16;
    private const int MaxLength = 1 << 16;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> PoolBySpan =
        Pool.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int count;

    /// <summary>The pool's copy of <paramref name="value"/>, found before a string is made of it (the build cache's values).</summary>
    public static string Of(ReadOnlySpan<char> value) => PoolBySpan.TryGetValue(value, out var shared) ? shared : Of(value.ToString());

    public static string Of(string value)
    {
        if (Pool.TryGetValue(value, out var shared))
            return shared;
        if (value.Length > MaxLength || Volatile.Read(ref count) >= MaxValues)
            return value;
        shared = Pool.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value))
            Interlocked.Increment(ref count);
        return shared;
    }
}
