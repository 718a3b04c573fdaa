using System.Text;
using Mirror.Core;
using Mirror.Core.Verification.Caching;

namespace Mirror.Tests.Verification.Caching;

/// <summary>
/// Strings read from the build cache as the pool's copies: the same text as <see cref="BinaryReader.ReadString"/> reads
/// from the same bytes (short, long, not ASCII, damaged), one instance per value, and a length past the end refused.
/// </summary>
public sealed class CacheBinaryTests
{
    public static TheoryData<string> Texts => new()
    {
        "",
        "a",
        new string('x', 255),
        new string('y', 256),
        new string('z', 257),
        "Plugin für Räume 🚀 " + new string('é', 300),
        new string('w', 70_000),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_shared_read_gives_what_a_plain_read_gives(string text)
    {
        var bytes = Written(w => w.Write(text));

        Assert.Equal(Plain(bytes), new BinaryReader(new MemoryStream(bytes)).ReadShared());
    }

    [Fact]
    public void Bytes_that_are_not_utf8_read_as_a_plain_read_reads_them()
    {
        var bytes = Written(w => w.Write("ok?ok"));
        bytes[3] = 0xFF;

        Assert.Equal(Plain(bytes), new BinaryReader(new MemoryStream(bytes)).ReadShared());
        Assert.Contains('\uFFFD', Plain(bytes));
    }

    [Fact]
    public void A_value_read_twice_is_one_string()
    {
        var value = $"shared {Guid.NewGuid()}";
        var reader = new BinaryReader(new MemoryStream(Written(w =>
        {
            w.Write(value);
            w.Write(value);
        })));

        var first = reader.ReadShared();

        Assert.Same(first, reader.ReadShared());
        Assert.Same(first, SharedStrings.Of(value));
    }

    [Fact]
    public void A_length_past_the_end_is_refused_before_anything_is_allocated()
    {
        var bytes = Written(w => w.Write7BitEncodedInt(int.MaxValue));

        Assert.Throws<InvalidDataException>(() => new BinaryReader(new MemoryStream(bytes)).ReadShared());
    }

    [Fact]
    public void A_version_text_is_parsed_once_and_a_version_has_one_text()
    {
        var parsed = SharedVersions.Parse("7.3.1-rc.2");

        Assert.Same(parsed, SharedVersions.Parse("7.3.1-rc.2"));
        Assert.Equal("7.3.1-rc.2", SharedVersions.Text(parsed));
        Assert.Same(SharedVersions.Text(parsed), SharedVersions.Text(Semver.SemVersion.Parse("7.3.1-rc.2", Semver.SemVersionStyles.Strict)));
        Assert.Throws<FormatException>(() => SharedVersions.Parse("v7"));
    }

    private static byte[] Written(Action<BinaryWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            write(writer);
        return stream.ToArray();
    }

    private static string Plain(byte[] bytes) => new BinaryReader(new MemoryStream(bytes)).ReadString();
}
