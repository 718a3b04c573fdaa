using System.Text;
using System.Text.Json;
using Mirror.Core.Model;
using Mirror.OpenPgp;
using Mirror.OpenPgp.Keys;

namespace Mirror.Core.Rendering.Html;

/// <summary>
/// The model of <c>plugins/&lt;id&gt;/&lt;version&gt;/index.html</c>: one published version in full, with its
/// manifest, its signature, the key that made it, and how to check it by hand.
/// </summary>
internal static class VersionPage
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal sealed record Signer(string UserId, string Fingerprint, string Algorithm, string Created, string Expires, string KeyFile, string KeyFileName);

    public static object Model(PluginVersions plugin, PublishedBundle bundle, TrustedKeyring keyring)
    {
        var page = PageLinks.VersionPage(plugin.Id, bundle.Manifest.VersionText);
        var key = keyring.Keys.Single(k => k.Fingerprint == bundle.Signature.SignerFingerprint);
        var keyFile = $"{KeysFolder.Folder}/{KeysFolder.KeyFileName(key)}";
        return new
        {
            plugin.Id,
            bundle.Manifest.Name,
            Icon = CatalogPage.Icon(bundle, page),
            PluginPage = PageLinks.From(page, PageLinks.PluginPage(plugin.Id)),
            Version = PluginPage.ToVersion(plugin.Versions.Single(v => v.Primary == bundle), bundle, bundle == plugin.Latest.Primary, page),
            Manifest = bundle.Manifest.Json().ToJsonString(Indented).ReplaceLineEndings("\n"),
            SignatureText = SignatureText(bundle.Check.SignatureBytes, bundle.Signature.Armored),
            Signer = new Signer(key.UserId, DisplayFormat.Fingerprint(key.Fingerprint), key.AlgorithmAndSize,
                Dates.Day(key.Primary.Created), key.Primary.Expires is { } end ? Dates.Day(end) : "never",
                PageLinks.From(page, keyFile), KeysFolder.KeyFileName(key)),
            bundle.FileName,
            GpgvCommands = string.Join('\n',
                $"gpg --dearmor < {KeysFolder.KeyFileName(key)} > mirror-key.gpg",
                $"gpgv --keyring ./mirror-key.gpg {bundle.FileName}.sig {bundle.FileName}",
                $"sha256sum {bundle.FileName}   # {bundle.Check.Sha256}"),
        };
    }

    /// <summary>The signature as text: as it is when armored, armored for display when binary.</summary>
    private static string SignatureText(byte[] signature, bool armored) =>
        Encoding.ASCII.GetString(armored ? signature : Armor.Wrap(stream => stream.Write(signature))).ReplaceLineEndings("\n").TrimEnd('\n');
}
