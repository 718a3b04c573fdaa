using System.Buffers;
using System.Globalization;
using System.Text;

namespace Mirror.OpenPgp.Keys;

/// <summary>
/// User ids read from their bytes (<c>GetRawUserIds</c>). BouncyCastle's text ones (<c>GetUserIds</c>) decode each
/// byte as one character, so a UTF-8 "ö" comes back as "Ã¶", and that text no longer finds its own signatures
/// (<c>GetSignaturesForId</c> gives null) nor verifies them (it is hashed again as UTF-8).
/// </summary>
internal static class UserIds
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of a user id, or null when its bytes are not UTF-8 (RFC 4880 says they are; old keys may hold Latin-1).</summary>
    public static string? Utf8(byte[] userId)
    {
        try
        {
            return StrictUtf8.GetString(userId);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// A user id as it is shown: its UTF-8 text, with each byte that is not UTF-8 and each control character (a newline
    /// could forge a line of output) as <c>\xNN</c>, and each invisible character that reorders text as <c>\uNNNN</c>.
    /// </summary>
    public static string Display(byte[] userId)
    {
        var text = new StringBuilder(userId.Length);
        var rest = userId.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(rest, out var rune, out var used) != OperationStatus.Done)
            {
                foreach (var b in rest[..used])
                    text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
            else if (Rune.IsControl(rune))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
            }
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format || rune.Value is 0x2028 or 0x2029)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
            }
            else
            {
                text.Append(rune.ToString());
            }

            rest = rest[used..];
        }

        return text.ToString();
    }
}
