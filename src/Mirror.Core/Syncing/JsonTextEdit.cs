using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirror.Core.Syncing;

/// <summary>
/// Adds members to the objects of a JSON text that may hold comments and trailing commas (mirror.json) and changes
/// nothing else: every byte already there stays, comments and layout included. New members go before the closing
/// brace of their object: on lines of their own, indented as the object's first member, when the brace has a line
/// of its own; else on the brace's line. A line ends as System.Text.Json ends a <c>//</c> comment: at CR, LF or CRLF.
/// The text must have been read with the same rules before (this reports no errors kindly); the edited text is read
/// again with them before it is handed out, so an edit that would break it is never returned.
/// </summary>
internal sealed class JsonTextEdit
{
    private const string IndentUnit = "  ";

    private readonly byte[] text;
    private readonly JsonReaderOptions options;
    private readonly string newLine;
    private readonly List<(int At, string Text)> insertions = [];
    private readonly List<(ObjectSpan Target, KeyValuePair<string, JsonNode?> Member)> added = [];

    /// <param name="json">A JSON object, valid under <paramref name="options"/>.</param>
    public JsonTextEdit(ReadOnlyMemory<byte> json, JsonReaderOptions options)
    {
        text = json.ToArray();
        this.options = options;
        newLine = NewLine(json.Span);
        var reader = new Utf8JsonReader(text, options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new ArgumentException("not a JSON object", nameof(json));
        Root = ReadObject(ref reader, []);
    }

    /// <summary>The text's outermost object.</summary>
    public ObjectSpan Root { get; }

    public bool Changed => insertions.Count > 0;

    /// <summary>Where an object is in the text, and its members' names (with the object for those whose value is one).</summary>
    /// <param name="LastValueEnd">Just after the last member's value; -1 when the object has no members.</param>
    /// <param name="FirstNameStart">Where the first member's name starts; -1 when the object has no members.</param>
    /// <param name="Path">The names leading to the object from the outermost one (none for that one).</param>
    internal sealed record ObjectSpan(int Close, int LastValueEnd, int FirstNameStart, IReadOnlyDictionary<string, ObjectSpan?> Members, IReadOnlyList<string> Path);

    /// <summary>Adds <paramref name="members"/> at the end of <paramref name="target"/>; objects among the values are written inline unless they hold objects.</summary>
    public void Add(ObjectSpan target, IReadOnlyList<KeyValuePair<string, JsonNode?>> members)
    {
        if (members.Count == 0)
            return;
        added.AddRange(members.Select(m => (target, m)));
        var hasMembers = target.LastValueEnd >= 0;
        if (hasMembers && !HasTrailingComma(target))
            insertions.Add((target.LastValueEnd, ","));
        var braceLine = LineStart(target.Close);
        if (braceLine < 0)
        {
            insertions.Add((target.Close, (hasMembers ? " " : "") + string.Join(", ", members.Select(m => Member(m, indent: null)))));
            return;
        }

        var firstLine = hasMembers ? LineStart(target.FirstNameStart) : -1;
        var indent = firstLine >= 0
            ? Encoding.UTF8.GetString(text, firstLine, target.FirstNameStart - firstLine)
            : Encoding.UTF8.GetString(text, braceLine, target.Close - braceLine) + IndentUnit;
        insertions.Add((braceLine, string.Concat(members.Select((m, i) => indent + Member(m, indent) + (i < members.Count - 1 ? "," : "") + newLine))));
    }

    /// <summary>The text with every member added.</summary>
    /// <exception cref="JsonException">The edited text would not be read with the rules the text was, or would not hold every member added: a bug here, said instead of handing out a broken text.</exception>
    public byte[] ToBytes()
    {
        var edited = Edited();
        Verify(edited);
        return edited;
    }

    private byte[] Edited()
    {
        using var output = new MemoryStream(text.Length + 1024);
        var from = 0;
        // OrderBy is stable: a comma added after an object's last value comes before members added at the same place.
        foreach (var (at, insert) in insertions.OrderBy(i => i.At))
        {
            output.Write(text, from, at - from);
            output.Write(Encoding.UTF8.GetBytes(insert));
            from = at;
        }

        output.Write(text, from, text.Length - from);
        return output.ToArray();
    }

    /// <summary>Reads <paramref name="edited"/> as the text was read and finds in it every member added, with its value.</summary>
    private void Verify(byte[] edited)
    {
        var reader = new Utf8JsonReader(edited, options);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(ref reader);
            if (reader.Read())
                throw new JsonException($"'{reader.TokenType}' follows the outermost object");
        }
        catch (JsonException e)
        {
            throw new JsonException($"the edited text is not valid JSON ({e.Message})", e);
        }

        foreach (var (target, member) in added)
        {
            var where = string.Join(".", [.. target.Path, member.Key]);
            JsonNode? found = root;
            foreach (var name in target.Path)
                found = found is JsonObject parent && parent.TryGetPropertyValue(name, out var child) ? child : null;
            if (found is not JsonObject obj || !obj.TryGetPropertyValue(member.Key, out var value) || !JsonNode.DeepEquals(value, member.Value))
                throw new JsonException($"the edited text does not hold \"{where}\" as added");
        }
    }

    /// <summary>The line end for new lines: CRLF if the text has one, else LF if it has one, else CR if it has one (classic Mac OS), else LF.</summary>
    private static string NewLine(ReadOnlySpan<byte> json) =>
        json.IndexOf("\r\n"u8) >= 0 ? "\r\n"
        : json.Contains((byte)'\n') ? "\n"
        : json.Contains((byte)'\r') ? "\r"
        : "\n";

    private static ObjectSpan ReadObject(ref Utf8JsonReader reader, IReadOnlyList<string> path)
    {
        var members = new Dictionary<string, ObjectSpan?>(StringComparer.Ordinal);
        int lastValueEnd = -1, firstNameStart = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (firstNameStart < 0)
                firstNameStart = (int)reader.TokenStartIndex;
            var name = reader.GetString()!;
            reader.Read();
            ObjectSpan? value = null;
            if (reader.TokenType == JsonTokenType.StartObject)
                value = ReadObject(ref reader, [.. path, name]);
            else if (reader.TokenType == JsonTokenType.StartArray)
                reader.Skip();
            members[name] = value;
            lastValueEnd = (int)reader.TokenStartIndex + reader.TokenType switch
            {
                JsonTokenType.EndObject or JsonTokenType.EndArray => 1,
                JsonTokenType.String => reader.ValueSpan.Length + 2,
                _ => reader.ValueSpan.Length,
            };
        }

        return new ObjectSpan((int)reader.TokenStartIndex, lastValueEnd, firstNameStart, members, path);
    }

    /// <summary>
    /// Between the last value and the brace there is only room for white space, comments and one comma. A <c>//</c>
    /// comment ends at its line's end (CR or LF, as System.Text.Json reads it; a CRLF's LF is white space then).
    /// </summary>
    private bool HasTrailingComma(ObjectSpan target)
    {
        var i = target.LastValueEnd;
        while (i < target.Close)
        {
            if (text[i] == ',')
                return true;
            if (text[i] == '/' && text[i + 1] == '/')
                i = End(i + 2, text.AsSpan(i + 2, target.Close - i - 2).IndexOfAny((byte)'\r', (byte)'\n'), 1);
            else if (text[i] == '/' && text[i + 1] == '*')
                i = End(i + 2, text.AsSpan(i + 2, target.Close - i - 2).IndexOf("*/"u8), 2);
            else
                i++;
        }

        return false;

        // Just after the comment's end, which the text was read with; the brace if there is none before it (not valid).
        int End(int from, int found, int length) => found < 0 ? target.Close : from + found + length;
    }

    /// <summary>Where the line of <paramref name="position"/> starts (after CR or LF), if only spaces and tabs come before it there; else -1.</summary>
    private int LineStart(int position)
    {
        var start = position;
        while (start > 0 && text[start - 1] is (byte)' ' or (byte)'\t')
            start--;
        return start == 0 || text[start - 1] is (byte)'\n' or (byte)'\r' ? start : -1;
    }

    /// <param name="indent">The member's indentation when it has a line of its own; null on one line.</param>
    private string Member(KeyValuePair<string, JsonNode?> member, string? indent) => $"{JsonValue.Create(member.Key).ToJsonString()}: {Value(member.Value, indent)}";

    private string Value(JsonNode? value, string? indent)
    {
        if (value is not JsonObject members)
            return value?.ToJsonString() ?? "null";
        if (indent is null || !members.Any(m => m.Value is JsonObject))
            return "{" + string.Join(", ", members.Select(m => Member(m, indent: null))) + "}";
        var inner = indent + IndentUnit;
        return "{" + newLine + string.Join("," + newLine, members.Select(m => inner + Member(m, inner))) + newLine + indent + "}";
    }
}
