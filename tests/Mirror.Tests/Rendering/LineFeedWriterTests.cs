using Mirror.Core.Rendering;

namespace Mirror.Tests.Rendering;

/// <summary>Text written in pieces comes out as <see cref="string.ReplaceLineEndings(string)"/> makes the whole of it.</summary>
public sealed class LineFeedWriterTests
{
    [Fact]
    public void Every_line_ending_becomes_one_line_feed_however_the_text_is_cut()
    {
        var random = new Random(7);
        const string alphabet = "ab\r\r\n\n\f\u0085\u2028\u2029";
        for (var round = 0; round < 2000; round++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            using var output = new StringWriter();
            var writer = new LineFeedWriter(output);
            for (var at = 0; at < text.Length;)
            {
                var length = random.Next(1, 5);
                var piece = text.Substring(at, Math.Min(length, text.Length - at));
                if (piece.Length == 1)
                    writer.Write(piece[0]);
                else if (random.Next(2) == 0)
                    writer.Write(piece);
                else
                    writer.Write(piece.ToCharArray(), 0, piece.Length);
                at += piece.Length;
            }

            Assert.Equal(text.ReplaceLineEndings("\n"), output.ToString());
        }
    }
}
