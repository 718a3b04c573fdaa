using System.Buffers;
using System.Text;

namespace Mirror.Core.Rendering;

/// <summary>
/// Writes text with every line ending made "\n" as it passes, as <see cref="string.ReplaceLineEndings(string)"/> does
/// to a whole string (CRLF, CR, NEL, LS, PS, FF): pages and configs are written as they are made, never held whole.
/// </summary>
internal sealed class LineFeedWriter(TextWriter inner) : TextWriter
{
    private static readonly SearchValues<char> LineEndings = SearchValues.Create("\r\n\f\u0085\u2028\u2029");

    /// <summary>A CR just written: a LF after it is part of the same line ending.</summary>
    private bool afterCarriageReturn;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (afterCarriageReturn && buffer.Length > 0)
        {
            afterCarriageReturn = false;
            if (buffer[0] == '\n')
                buffer = buffer[1..];
        }

        while (buffer.Length > 0)
        {
            var at = buffer.IndexOfAny(LineEndings);
            if (at < 0)
            {
                inner.Write(buffer);
                return;
            }

            inner.Write(buffer[..at]);
            inner.Write('\n');
            if (buffer[at] == '\r')
            {
                if (at + 1 == buffer.Length)
                {
                    afterCarriageReturn = true;
                    return;
                }

                if (buffer[at + 1] == '\n')
                    at++;
            }

            buffer = buffer[(at + 1)..];
        }
    }

    public override void Flush() => inner.Flush();
}
