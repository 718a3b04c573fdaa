using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Mirror.Core.Bundles.Manifests;

/// <summary>Turns the bytes of plugin.json, plugin.yaml or plugin.yml into a JSON object, keeping every key.</summary>
public static partial class ManifestParser
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
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
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
