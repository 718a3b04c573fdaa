namespace Mirror.Core.KeyManagement;

/// <summary>How a command names a key: a full fingerprint (40 hex digits) or a long key id (16), spaces and 0x allowed.</summary>
internal static class KeySelector
{
    public static bool TryParse(string text, out string normalized)
    {
        normalized = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (normalized.StartsWith("0X", StringComparison.Ordinal))
            normalized = normalized[2..];
        return normalized.Length is 16 or 40 && normalized.All(Uri.IsHexDigit);
    }

    /// <summary>A long key id is the last 16 hex digits of a v4 fingerprint.</summary>
    public static bool Matches(string selector, string fingerprint) =>
        selector.Length == 40 ? selector == fingerprint : fingerprint.EndsWith(selector, StringComparison.Ordinal);
}
