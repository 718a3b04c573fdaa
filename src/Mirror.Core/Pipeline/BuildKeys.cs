using Mirror.Core.Bundles.Archive;
using Mirror.Core.Rendering.Html;
using Mirror.Core.Settings;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Pipeline;

/// <summary>What the build cache is keyed on: a changed key throws away what it guards.</summary>
internal static class BuildKeys
{
    /// <summary>
    /// This very build of the tool: the module ids of its assemblies and of the libraries that shape what it finds and
    /// writes change with every change of code (and a deterministic build of the same code gives the same ids).
    /// </summary>
    public static string Tool { get; } = string.Join("/", new[]
        {
            typeof(BuildKeys), typeof(TrustedKeyring), typeof(Org.BouncyCastle.Bcpg.OpenPgp.PgpSignature), typeof(Scriban.Template),
            typeof(Markdig.Markdown), typeof(Semver.SemVersion), typeof(YamlDotNet.Serialization.Deserializer),
        }
        .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N"))
        // The runtime too: its JSON writer and encoders shape the site's files.
        .Append(Environment.Version.ToString()));

    /// <summary>What a bundle's check depends on besides its own bytes: the tool, the trusted keys and the archive caps.</summary>
    public static string Checks(TrustedKeyring keyring, ArchiveLimits limits)
    {
        var key = new ContentKey();
        key.Add(Tool);
        key.Add(limits.ToString());
        foreach (var trusted in keyring.Keys)
            key.Add(trusted.Ring.GetEncoded());
        return key.Finish();
    }

    /// <summary>
    /// Everything the site's files are made from besides the bundles: the checks' key, mirror.json, the build's options
    /// and the templates. A plugin's pages are made from this and that plugin's bundles alone.
    /// </summary>
    public static string Pages(string checksKey, BuildRequest request, SettingsFile settings, TemplateSet templates)
    {
        var key = new ContentKey();
        key.Add(checksKey);
        // The record's own text covers its scalar options, including ones added later; lists are spelled out.
        key.Add((request with { Targets = [], Progress = null, CacheDir = null, ReportPath = null }).ToString());
        key.Add(string.Join(",", request.Targets));
        // The very bytes the settings and templates were read from, not the files as they are now: either may change
        // during the build, and the site must be keyed on what it was made from.
        key.Add(settings.Bytes.Span);
        key.Add(templates.Fingerprint);
        return key.Finish();
    }

    /// <summary>
    /// Everything the site's files are made from: <see cref="Pages"/> and every bundle's verdict and bytes. Equal keys
    /// and an intact previous site: nothing to write.
    /// </summary>
    public static string Site(string pagesKey, IReadOnlyList<CheckedBundle> bundles)
    {
        var key = new ContentKey();
        key.Add(pagesKey);
        foreach (var bundle in bundles)
        {
            key.Add($"{bundle.Candidate.RelativePath}\n{bundle.Candidate.SignatureRelativePath}\n{bundle.Sha256}\n{bundle.ReasonCode}\n{bundle.Reason}\n{bundle.IsPublished}");
            key.Add(bundle.SignatureBytes);
        }

        return key.Finish();
    }
}
