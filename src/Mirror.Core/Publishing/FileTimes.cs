namespace Mirror.Core.Publishing;

/// <summary>Gives a whole folder tree one modification time (<c>SOURCE_DATE_EPOCH</c>).</summary>
internal static class FileTimes
{
    public const string SourceDateEpochVariable = "SOURCE_DATE_EPOCH";

    public static void SetAll(string root, DateTimeOffset time)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, time.UtcDateTime);

        // Deepest folders first: setting a folder's time after its children keeps it.
        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            Directory.SetLastWriteTimeUtc(folder, time.UtcDateTime);
        Directory.SetLastWriteTimeUtc(root, time.UtcDateTime);
    }

    /// <summary>The reproducible-builds convention: a decimal count of seconds since 1970-01-01 UTC.</summary>
    /// <exception cref="MirrorException">The value is not such a number.</exception>
    public static DateTimeOffset? SourceDateEpoch(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ||
            seconds > 253402300799)
        {
            throw new MirrorException($"{SourceDateEpochVariable}=\"{value}\" is not a Unix time (seconds since 1970-01-01 UTC, such as 1767225600)");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
