using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Mirror.Core.Bundles.Manifests;

/// <summary>Turns the bytes of plugin.json, plugin.yaml or plugin.yml into a JSON object, keeping every key.</summary>
internal static partial class ManifestParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="BundleRefusedException">Not UTF-8, not valid JSON/YAML, or not an object.</exception>
    public static JsonObject Parse(byte[] bytes, string fileName)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw Invalid($"{fileName} is not UTF-8 text");
        }

        var node = fileName.EndsWith(".json", StringComparison.Ordinal) ? ParseJson(text, fileName) : ParseYaml(text, fileName);
        return node as JsonObject ?? throw Invalid($"{fileName} must hold an object of manifest keys");
    }

    private static JsonNode? ParseJson(string text, string fileName)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
            RequireText(node);
            return node;
        }
        catch (InvalidOperationException)
        {
            throw Invalid($"{fileName} is not valid text: a string or key escapes half of a UTF-16 surrogate pair, such as \\ud800 alone");
        }
        catch (JsonException e) when (DuplicateKey().Match(e.Message) is { Success: true } duplicate)
        {
            throw Invalid($"{fileName} holds the key \"{duplicate.Groups[1].Value}\" twice (Go keeps the last, other readers the first); a manifest must say one thing");
        }
        catch (JsonException e)
        {
            throw Invalid($"{fileName} is not valid JSON ({e.Message.TrimEnd('.')})");
        }
        catch (ArgumentException e)
        {
            throw Invalid($"{fileName} is not valid JSON ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>
    /// Reads every key and string once. JSON may escape half of a UTF-16 surrogate pair (<c>"\ud800"</c>), which is no
    /// text: System.Text.Json reads it (and throws <see cref="InvalidOperationException"/>) only when the string is
    /// asked for, which for a key no check reads would be when the listing or a page is written.
    /// </summary>
    private static void RequireText(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (_, value) in members)
                    RequireText(value);
                break;
            case JsonArray items:
                foreach (var item in items)
                    RequireText(item);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                _ = value.GetValue<string>();
                break;
        }
    }

    private static JsonNode? ParseYaml(string text, string fileName)
    {
        try
        {
            return YamlManifestConverter.Convert(text);
        }
        catch (YamlException e)
        {
            var where = e.Start.Line > 0 ? $" at line {e.Start.Line}" : "";
            throw Invalid($"{fileName} is not valid YAML{where} ({e.Message.TrimEnd('.')})");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser throws this when the text ends inside a node (an unclosed "[", say).
            throw Invalid($"{fileName} is not valid YAML (it ends inside an unfinished value)");
        }
    }

    /// <summary>System.Text.Json's words for a repeated key (JsonDocumentOptions.AllowDuplicateProperties = false).</summary>
    [GeneratedRegex("^Duplicate property '(.{1,80})'")]
    private static partial Regex DuplicateKey();

    private static BundleRefusedException Invalid(string message) => new(BundleRefusalCodes.InvalidManifest, message);
}
