using System.Diagnostics.CodeAnalysis;
using System.IO.Enumeration;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Mirror.OpenPgp.Files;
using Scriban;
using Scriban.Runtime;

namespace Mirror.Core.Rendering.Html;

/// <summary>
/// The Scriban templates and static assets of the pages: built into the program (from the repository's
/// <c>templates/</c>), each replaceable by a file of the same name in a <c>--templates</c> folder. Every file is read
/// once, when the set is made: the pages are rendered from exactly the bytes its <see cref="Fingerprint"/> covers,
/// even if the folder changes during the build.
/// </summary>
internal sealed class TemplateSet
{
    public const string AssetsFolder = "assets";

    /// <summary>How often one loop of a template may run (see <see cref="RenderTo"/>).</summary>
    public const int MaxLoopIterations = 1_000_000;

    /// <summary>How deep a template's calls may nest.</summary>
    public const int MaxCallDepth = 100;

    private const string ResourcePrefix = "templates/";

    /// <summary>Far more than any template or asset; a link to /dev/zero stops here.</summary>
    private const long MaxFileBytes = 64 << 20;

    private static readonly Assembly Resources = typeof(TemplateSet).Assembly;

    private readonly string? folder;
    /// <summary>Every template and asset by name: where it was read from (for messages) and its bytes.</summary>
    private readonly SortedDictionary<string, (string Origin, byte[] Bytes)> files;
    private readonly Dictionary<string, Template> parsed = [];

    /// <summary>Judged once per set, not per page: see <see cref="LayoutContent"/>.</summary>
    private readonly Lazy<bool> layoutTakesStreamedPages;

    private TemplateSet(string? folder)
    {
        this.folder = folder;
        files = new SortedDictionary<string, (string, byte[])>(Names(folder).ToDictionary(name => name, Read), StringComparer.Ordinal);
        var key = new ContentKey();
        foreach (var (name, (_, bytes)) in files)
            key.Add(name).Add(bytes);
        Fingerprint = key.Finish();
        layoutTakesStreamedPages = new(() => LayoutContent.WrittenOnceAsIs(Parse("layout.html")));
    }

    public static TemplateSet BuiltIn { get; } = new(null);

    /// <summary>The SHA-256 of every template and asset of the set, by name: what the pages are made from.</summary>
    public string Fingerprint { get; }

    /// <exception cref="MirrorException">The folder does not exist, or one of its templates or assets cannot be read.</exception>
    public static TemplateSet WithOverrides(string? folder)
    {
        if (folder is null)
            return BuiltIn;
        return Directory.Exists(folder) ? new TemplateSet(Path.GetFullPath(folder)) : throw new MirrorException($"--templates folder \"{folder}\" does not exist");
    }

    /// <summary>Every static asset (<c>assets/…</c>), built-in or overridden, plus any extra asset of the folder.</summary>
    public IEnumerable<(string Name, byte[] Bytes)> Assets() =>
        files.Where(f => f.Key.StartsWith(AssetsFolder + "/", StringComparison.Ordinal)).Select(f => (f.Key, f.Value.Bytes));

    /// <exception cref="MirrorException">The template does not parse, or fails while rendering.</exception>
    public string Render(string name, object model) => RenderWhole(name, model).ReplaceLineEndings("\n");

    /// <summary>
    /// A page: <paramref name="template"/> rendered into layout.html, written as it is made (the catalog page of 20,000
    /// plugins is 21 MB). The layout is rendered around a marker and the page goes where the marker is, exactly as if
    /// rendered whole; a layout that does more with its content than write it once (see <see cref="LayoutContent"/>)
    /// gets the page rendered whole.
    /// </summary>
    /// <param name="layout">The layout's model around the given content.</param>
    /// <exception cref="MirrorException">A template does not parse, or fails while rendering.</exception>
    /// <param name="page">Where the page goes, its line endings made "\n" as they pass (see <see cref="SiteText"/>).</param>
    public void RenderPage(LineFeedWriter page, string template, object model, Func<TrustedHtml, object> layout)
    {
        var around = layoutTakesStreamedPages.Value ? RenderWhole("layout.html", layout(new TrustedHtml(ContentMarker))) : "";
        var at = around.IndexOf(ContentMarker, StringComparison.Ordinal);
        // The marker twice: some value of the page (its title, say) holds the marker's text too.
        if (at < 0 || around.IndexOf(ContentMarker, at + ContentMarker.Length, StringComparison.Ordinal) >= 0)
        {
            page.Write(Render("layout.html", layout(new TrustedHtml(Render(template, model)))));
            return;
        }

        page.Write(around.AsSpan(0, at));
        // Its line endings made "\n" on their own first, as when the page was rendered whole and put into the layout.
        RenderTo(new LineFeedWriter(page), template, model);
        page.Write(around.AsSpan(at + ContentMarker.Length));
    }

    private const string ContentMarker = "\u0001plugin-mirror:page-content\u0001";

    private string RenderWhole(string name, object model)
    {
        using var text = new StringWriter();
        RenderTo(text, name, model);
        return text.ToString();
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The models are this assembly's types, which the native binary keeps whole (TrimmerRootAssembly in Mirror.Cli.csproj).")]
    private void RenderTo(TextWriter output, string name, object model)
    {
        var template = Parse(name);
        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        // LimitToString = 0: Scriban otherwise cuts every value written, and so every page, at 1 MiB (a big catalog lost plugins).
        // The loop limit is far above any catalog's lists (Scriban's own 1,000 is not: 20,000 plugins), yet ends a
        // template's endless loop in a moment; unlimited recursion would end the process with a stack overflow.
        var context = new EscapingTemplateContext
        {
            StrictVariables = true, EnableRelaxedMemberAccess = false, LoopLimit = MaxLoopIterations, RecursiveLimit = MaxCallDepth, LimitToString = 0,
        };
        context.PushGlobal(globals);
        context.PushOutput(new TextWriterOutput(output));
        try
        {
            template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e) when (e.InnerException is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            // The page's file could not be written as it was rendered (a full disk): the site's failure, not the template's.
            ExceptionDispatchInfo.Throw(e.InnerException);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new MirrorException($"{files[name].Origin}: {e.Message}");
        }
    }

    private Template Parse(string name)
    {
        lock (parsed)
        {
            if (parsed.TryGetValue(name, out var cached))
                return cached;
            if (!files.TryGetValue(name, out var file))
                throw new InvalidOperationException($"built-in template {name} is missing from the program");
            var template = Template.Parse(System.Text.Encoding.UTF8.GetString(file.Bytes), file.Origin);
            if (template.HasErrors)
                throw new MirrorException(string.Join("; ", template.Messages.Select(m => m.ToString())));
            return parsed[name] = template;
        }
    }

    /// <summary>
    /// The built-in names (templates and assets), and the extra assets of the folder; nothing else of the folder is
    /// read (an editor's lock file or a FIFO beside the templates is none of the build's business).
    /// </summary>
    private static IEnumerable<string> Names(string? folder)
    {
        var names = Resources.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..]);
        var assets = folder is null ? null : Path.Combine(folder, AssetsFolder);
        if (assets is null || !Directory.Exists(assets))
            return names.Distinct();
        try
        {
            // Links to files are read; links to folders are not entered (a link back up would never end).
            var files = new FileSystemEnumerable<string>(assets, (ref FileSystemEntry entry) => entry.ToFullPath(),
                new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
                ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
            };
            return names.Concat(files.Select(f => Path.GetRelativePath(folder!, f).Replace(Path.DirectorySeparatorChar, '/')).ToList()).Distinct();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MirrorException($"--templates folder \"{assets}\" cannot be read ({e.Message.TrimEnd('.')})");
        }
    }

    private (string Origin, byte[] Bytes) Read(string name)
    {
        using var builtIn = Resources.GetManifestResourceStream(ResourcePrefix + name);
        var overriding = folder is null ? null : Path.Combine(folder, name);
        // An extra asset of the folder is read even when it went missing since it was listed: that is an error too.
        if (overriding is not null && (builtIn is null || Path.Exists(overriding)))
        {
            try
            {
                return (overriding, RegularFile.ReadAll(overriding, MaxFileBytes));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FileRefusedException)
            {
                throw new MirrorException($"{overriding}: cannot be read from --templates ({e.Message.TrimEnd('.')})");
            }
        }

        using var buffer = new MemoryStream();
        (builtIn ?? throw new InvalidOperationException($"built-in template {name} is missing from the program")).CopyTo(buffer);
        return (ResourcePrefix + name, buffer.ToArray());
    }
}
