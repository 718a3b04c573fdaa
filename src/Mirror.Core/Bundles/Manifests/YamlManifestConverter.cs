using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mirror.Core.Bundles.Manifests;

/// <summary>
/// Turns a YAML manifest into the JSON object Mattermost would marshal, event by event. Anchors and aliases are
/// refused rather than expanded: an alias bomb inflates a tiny file into gigabytes.
/// </summary>
internal static partial class YamlManifestConverter
{
    private const int MaxDepth = 64;

    public static JsonNode? Convert(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
            return null;
        parser.Consume<DocumentStart>();
        var node = ReadNode(parser, depth: 0, forceString: false);
        parser.Consume<DocumentEnd>();
        if (!parser.Accept<StreamEnd>(out _))
            throw new YamlException("more than one YAML document");
        return node;
    }

    private static JsonNode? ReadNode(IParser parser, int depth, bool forceString)
    {
        if (depth > MaxDepth)
            throw new YamlException($"nested deeper than {MaxDepth} levels");
        if (parser.Accept<AnchorAlias>(out var alias))
            throw new YamlException(alias.Start, alias.End, "YAML aliases (*name) are not allowed in a manifest");
        if (parser.Accept<NodeEvent>(out var node) && !node.Anchor.IsEmpty)
            throw new YamlException(node.Start, node.End, "YAML anchors (&name) are not allowed in a manifest");

        if (parser.TryConsume<Scalar>(out var scalar))
            return forceString ? JsonValue.Create(scalar.Value) : ScalarValue(scalar);
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
                array.Add(ReadNode(parser, depth + 1, forceString: false));
            return array;
        }

        if (parser.TryConsume<MappingStart>(out _))
        {
            var map = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (!parser.TryConsume<Scalar>(out var key))
                    throw new YamlException("a mapping key must be a plain value");
                var value = ReadNode(parser, depth + 1, forceString: depth == 0 && ManifestValidator.StringKeys.Contains(key.Value));
                if (!map.TryAdd(key.Value, value))
                    throw new YamlException(key.Start, key.End, $"duplicate key \"{key.Value}\"");
            }

            return map;
        }

        throw new YamlException("unexpected YAML content");
    }

    /// <summary>Untagged plain scalars resolve as in YAML 1.2's core schema (what Go's yaml.v3 does).</summary>
    private static JsonValue? ScalarValue(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
            return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL")
            return null;
        if (text is "true" or "True" or "TRUE")
            return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE")
            return JsonValue.Create(false);
        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (FloatPattern().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
