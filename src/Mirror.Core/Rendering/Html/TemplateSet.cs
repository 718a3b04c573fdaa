using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace Mirror.Core.Rendering.Html;

/// <summary>
/// The Scriban templates and static assets of the pages: built into the program (from the repository's
/// <c>templates/</c>), each replaceable by a file of the same name in a <c>--templates</c> folder.
/// </summary>
public sealed class TemplateSet
{
    public const string AssetsFolder = "assets";

    private const string ResourcePrefix = "templates/";
    private static readonly Assembly Resources = typeof(TemplateSet).Assembly;

    private readonly string? folder;
    private readonly Dictionary<string, Template> parsed = [];

    private TemplateSet(string? folder) => this.folder = folder;

    public static TemplateSet BuiltIn { get; } = new(null);

    /// <exception cref="MirrorException">The folder does not exist.</exception>
    public static TemplateSet WithOverrides(string? folder)
    {
        if (folder is null)
            return BuiltIn;
        return Directory.Exists(folder) ? new TemplateSet(Path.GetFullPath(folder)) : throw new MirrorException($"--templates folder \"{folder}\" does not exist");
    }

    /// <summary>Every static asset (<c>assets/…</c>), built-in or overridden, plus any extra asset of the folder.</summary>
    public IEnumerable<(string Name, byte[] Bytes)> Assets()
    {
        var names = Resources.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix + AssetsFolder + "/", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..]);
        if (folder is not null && Directory.Exists(Path.Combine(folder, AssetsFolder)))
        {
            names = names.Concat(Directory.EnumerateFiles(Path.Combine(folder, AssetsFolder), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/')));
        }

        return names.Distinct().Order(StringComparer.Ordinal).Select(name => (name, Read(name)));
    }

    /// <exception cref="MirrorException">The template does not parse, or fails while rendering.</exception>
    public string Render(string name, object model)
    {
        var template = Parse(name);
        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        // LimitToString = 0: Scriban otherwise cuts every value written, and so every page, at 1 MiB (a big catalog lost plugins).
        var context = new EscapingTemplateContext { StrictVariables = true, EnableRelaxedMemberAccess = false, LoopLimit = 0, RecursiveLimit = 0, LimitToString = 0 };
        context.PushGlobal(globals);
        try
        {
            return template.Render(context).ReplaceLineEndings("\n");
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new MirrorException($"{Origin(name)}: {e.Message}");
        }
    }

    private Template Parse(string name)
    {
        lock (parsed)
        {
            if (parsed.TryGetValue(name, out var cached))
                return cached;
            var template = Template.Parse(System.Text.Encoding.UTF8.GetString(Read(name)), Origin(name));
            if (template.HasErrors)
                throw new MirrorException(string.Join("; ", template.Messages.Select(m => m.ToString())));
            return parsed[name] = template;
        }
    }

    private string Origin(string name) =>
        folder is not null && File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : ResourcePrefix + name;

    private byte[] Read(string name)
    {
        if (folder is not null && File.Exists(Path.Combine(folder, name)))
            return File.ReadAllBytes(Path.Combine(folder, name));
        using var stream = Resources.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"built-in template {name} is missing from the program");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
