using System.Collections.Concurrent;
using Semver;

namespace Mirror.Core;

/// <summary>
/// One parse of each version text, and one text of each version, for the values bundles repeat (a plugin's minimum
/// server version, "1.0.0"): the build cache made a version and its text again for every bundle, a fifth of what
/// reading it allocated. Bounded as <see cref="SharedStrings"/> is; past the bound a value is made afresh.
/// </summary>
internal static class SharedVersions
{
    private const int MaxValues = 1 << 16;

    private static readonly ConcurrentDictionary<string, SemVersion> Parsed = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<SemVersion, string> Texts = new();
    private static int count;

    /// <summary>The version <paramref name="text"/> spells, strictly (as a manifest's was checked).</summary>
    /// <exception cref="FormatException">Not a strict semantic version.</exception>
    public static SemVersion Parse(string text) =>
        Parsed.TryGetValue(text, out var version) ? version : Keep(Parsed, text, SemVersion.Parse(text, SemVersionStyles.Strict));

    /// <summary>The text of <paramref name="version"/>, shared.</summary>
    public static string Text(SemVersion version) =>
        Texts.TryGetValue(version, out var text) ? text : Keep(Texts, version, SharedStrings.Of(version.ToString()));

    private static TValue Keep<TKey, TValue>(ConcurrentDictionary<TKey, TValue> pool, TKey key, TValue value)
        where TKey : notnull
        where TValue : class
    {
        if (Volatile.Read(ref count) >= MaxValues)
            return value;
        var kept = pool.GetOrAdd(key, value);
        if (ReferenceEquals(kept, value))
            Interlocked.Increment(ref count);
        return kept;
    }
}
