using System.Formats.Tar;
using System.Text;
using Mirror.Core.Bundles;
using Mirror.OpenPgp.Verification;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.Tests.Support;

/// <summary>
/// Every kind of hostile or broken bundle the hardening issue lists, made by code: each file, how it is signed, and
/// the reason code it must be refused with.
/// </summary>
public static class HostileCorpus
{
    public sealed record HostileBundle(string File, Func<byte[]> Bundle, Func<byte[], byte[]?> Sign, string Code);

    private const long Huge = 300L << 20;

    private static byte[] Good(string id) => TarGz.Plugin(id, "1.0.0").Build();

    private static byte[]? Trusted(byte[] bundle) => SharedKeys.Trusted.Sign(bundle);

    private static byte[] Plugin(string id, string manifest) =>
        new TarGz().Folder($"{id}/").File($"{id}/plugin.json", manifest).Build();

    /// <summary>A plugin with one more file whose PAX header carries GNU sparse keys (every PAX sparse format uses them).</summary>
    private static byte[] Sparse(string id, Dictionary<string, string> attributes) =>
        TarGz.Plugin(id, "1.0.0").Entry(new PaxTarEntry(TarEntryType.RegularFile, $"{id}/data", attributes) { DataStream = new MemoryStream(new byte[10]) }).Build();

    public static IEnumerable<HostileBundle> Bundles()
    {
        // Damaged archives.
        yield return new("damaged/empty.tar.gz", () => [], Trusted, BundleRefusalCodes.DamagedArchive);
        yield return new("damaged/not-gzip.tar.gz", () => "just text, not gzip"u8.ToArray(), Trusted, BundleRefusalCodes.DamagedArchive);
        yield return new("damaged/truncated-gzip.tar.gz", () => Good("com.example.cut")[..^40], Trusted, BundleRefusalCodes.DamagedArchive);
        yield return new("damaged/truncated-tar.tar.gz", () =>
        {
            var tar = TarGz.Plugin("com.example.tarcut", "1.0.0").File("com.example.tarcut/big.bin", new byte[5000]).BuildTar();
            return TarGz.Gzip(tar[..(tar.Length - 4096)]);
        }, Trusted, BundleRefusalCodes.DamagedArchive);
        yield return new("damaged/trailing-garbage.tar.gz", () => [.. Good("com.example.trailing"), .. "GARBAGE"u8], Trusted, BundleRefusalCodes.DamagedArchive);
        yield return new("damaged/trailing-forged-size.tar.gz", () =>
        {
            // The garbage ends with the gzip trailer's ISIZE of the real data: the old size check was fooled by it.
            var good = Good("com.example.forged");
            return [.. good, .. "SMUGGLED"u8, .. good[^4..]];
        }, Trusted, BundleRefusalCodes.DamagedArchive);
        yield return new("damaged/trailing-zeros.tar.gz", () => [.. Good("com.example.zeros"), .. new byte[1024]], Trusted, BundleRefusalCodes.DamagedArchive);
        yield return new("damaged/trailing-gzip-magic.tar.gz", () => [.. Good("com.example.magic"), 0x1f, 0x8b, .. "not a member"u8], Trusted, BundleRefusalCodes.DamagedArchive);

        // Entries that escape, anywhere in the archive.
        yield return new("escape/dotdot.tar.gz", () => TarGz.Plugin("com.example.dotdot", "1.0.0").File("com.example.dotdot/../../escape.txt", "x").Build(), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/absolute.tar.gz", () => TarGz.Plugin("com.example.absolute", "1.0.0").File("/etc/cron.d/evil", "x").Build(), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/symlink.tar.gz", () => TarGz.Plugin("com.example.symlink", "1.0.0").Folder("com.example.symlink/server/").Link("com.example.symlink/server/dist", "/etc").Build(), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/hardlink.tar.gz", () => TarGz.Plugin("com.example.hardlink", "1.0.0").Link("com.example.hardlink/passwd", "/etc/passwd", TarEntryType.HardLink).Build(), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/device.tar.gz", () => TarGz.Plugin("com.example.device", "1.0.0").Entry(new PaxTarEntry(TarEntryType.CharacterDevice, "com.example.device/null") { DeviceMajor = 1, DeviceMinor = 3 }).Build(), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/sparse-1.0.tar.gz", () => Sparse("com.example.sparse10", new() { ["GNU.sparse.major"] = "1", ["GNU.sparse.minor"] = "0", ["GNU.sparse.name"] = "com.example.sparse10/data", ["GNU.sparse.realsize"] = "100" }), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/sparse-0.1.tar.gz", () => Sparse("com.example.sparse01", new() { ["GNU.sparse.size"] = "100", ["GNU.sparse.numblocks"] = "1", ["GNU.sparse.map"] = "0,10" }), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/sparse-0.0.tar.gz", () => Sparse("com.example.sparse00", new() { ["GNU.sparse.size"] = "100", ["GNU.sparse.numblocks"] = "1", ["GNU.sparse.offset"] = "0", ["GNU.sparse.numbytes"] = "10" }), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/sparse-rename.tar.gz", () => Sparse("com.example.sparsename", new() { ["GNU.sparse.major"] = "1", ["GNU.sparse.minor"] = "0", ["GNU.sparse.name"] = "../../x" }), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/pax-global-path.tar.gz", () => TarGz.Plugin("com.example.globalpath", "1.0.0").Entry(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["path"] = "../../x" })).Build(), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/icon-outside.tar.gz", () => Plugin("com.example.iconout", """{"id": "com.example.iconout", "name": "n", "version": "1.0.0", "icon_path": "../../etc/passwd.svg"}"""), Trusted, BundleRefusalCodes.UnsafeEntry);
        yield return new("escape/bundle-path-outside.tar.gz", () => Plugin("com.example.webout", """{"id": "com.example.webout", "name": "n", "version": "1.0.0", "webapp": {"bundle_path": "../../../main.js"}}"""), Trusted, BundleRefusalCodes.UnsafeEntry);

        // Bombs: every one stops at its cap, long before the claimed size is read or held.
        yield return new("bomb/manifest.tar.gz", () => new TarGz().Folder("com.example.mbomb/").Repeated("com.example.mbomb/plugin.json", Huge).BuildStreaming(), Trusted, BundleRefusalCodes.TooLarge);
        yield return new("bomb/icon.tar.gz", () => new TarGz().Folder("com.example.ibomb/")
            .File("com.example.ibomb/plugin.json", """{"id": "com.example.ibomb", "name": "n", "version": "1.0.0", "icon_path": "icon.svg"}""")
            .Repeated("com.example.ibomb/icon.svg", Huge).BuildStreaming(), Trusted, BundleRefusalCodes.TooLarge);
        yield return new("bomb/entries.tar.gz", () =>
        {
            var tar = TarGz.Plugin("com.example.many", "1.0.0");
            for (var i = 0; i < 100_001; i++)
                tar.Folder($"com.example.many/{i}/");
            return tar.BuildStreaming();
        }, Trusted, BundleRefusalCodes.TooLarge);
        yield return new("bomb/long-name.tar.gz", () => TarGz.Plugin("com.example.longname", "1.0.0").File("com.example.longname/" + new string('n', 5000), "x").Build(), Trusted, BundleRefusalCodes.TooLarge);
        yield return new("bomb/pax-header.tar.gz", () => TarGz.Gzip([.. RawTar.Header("PaxHeaders/x", 'x', 1_500_000_000), .. new byte[4096]]), Trusted, BundleRefusalCodes.TooLarge);
        yield return new("bomb/gnu-long-name.tar.gz", () => TarGz.Gzip([.. RawTar.Header("././@LongLink", 'L', 1_500_000_000), .. new byte[4096]]), Trusted, BundleRefusalCodes.TooLarge);
        yield return new("bomb/yaml-aliases.tar.gz", () => new TarGz().File("plugin.yml",
            "id: com.example.laughs\nname: n\nversion: 1.0.0\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n").Build(), Trusted, BundleRefusalCodes.InvalidManifest);

        // Manifests.
        yield return new("manifest/none.tar.gz", () => new TarGz().Folder("x/").File("x/README.md", "no manifest").Build(), Trusted, BundleRefusalCodes.NoManifest);
        yield return new("manifest/two.tar.gz", () => TarGz.Plugin("com.example.two", "1.0.0").File("com.example.two/plugin.yaml", "id: com.example.two\nname: n\nversion: 1.0.0\n").Build(), Trusted, BundleRefusalCodes.SeveralManifests);
        yield return new("manifest/invalid-json.tar.gz", () => Plugin("x", """{"id": "com.example.json", """), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/invalid-yaml.tar.gz", () => new TarGz().File("plugin.yaml", "id: [unclosed\nname: n\n").Build(), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/not-utf8.tar.gz", () => new TarGz().File("plugin.json", Encoding.Latin1.GetBytes("""{"id": "com.example.latin", "name": "Café", "version": "1.0.0"}""")).Build(), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/id-path.tar.gz", () => Plugin("x", """{"id": "../../evil", "name": "n", "version": "1.0.0"}"""), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/id-short.tar.gz", () => Plugin("x", """{"id": "ab", "name": "n", "version": "1.0.0"}"""), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/id-long.tar.gz", () => Plugin("x", $$"""{"id": "{{new string('a', 191)}}", "name": "n", "version": "1.0.0"}"""), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/version.tar.gz", () => Plugin("x", """{"id": "com.example.version", "name": "n", "version": "1.0"}"""), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/duplicate-key.tar.gz", () => Plugin("com.example.dupkey", """{"id": "com.example.dupkey", "name": "n", "version": "1.0.0", "version": "9.0.0"}"""), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/duplicate-key-unsigned.tar.gz", () => Plugin("com.example.dupkeyu", """{"id": "com.example.dupkeyu", "name": "n", "version": "1.0.0", "version": "9.0.0"}"""), _ => null, SignatureRefusal.Missing);
        yield return new("manifest/duplicate-executable.tar.gz", () => Plugin("com.example.dupexe", """{"id": "com.example.dupexe", "name": "n", "version": "1.0.0", "server": {"executables": {"linux-amd64": "a", "linux-amd64": "../../b"}}}"""), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/missing-webapp.tar.gz", () => Plugin("com.example.nowebapp", """{"id": "com.example.nowebapp", "name": "n", "version": "1.0.0", "webapp": {"bundle_path": "webapp/dist/main.js"}}"""), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/executable-folder.tar.gz", () => new TarGz().Folder("com.example.exedir/").Folder("com.example.exedir/server/dist/")
            .File("com.example.exedir/plugin.json", """{"id": "com.example.exedir", "name": "n", "version": "1.0.0", "server": {"executables": {"linux-amd64": "server/dist"}}}""").Build(), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/version-above-uint64.tar.gz", () => Plugin("com.example.huge", """{"id": "com.example.huge", "name": "n", "version": "18446744073709551616.0.0"}"""), Trusted, BundleRefusalCodes.InvalidManifest);
        yield return new("manifest/metadata-a.tar.gz", () => TarGz.Plugin("com.example.metadata", "1.0.0+build.5").Build(), Trusted, BundleRefusalCodes.Conflict);
        yield return new("manifest/metadata-b.tar.gz", () => TarGz.Plugin("com.example.metadata", "1.0.0+build.7").Build(), Trusted, BundleRefusalCodes.Conflict);
        yield return new("manifest/conflict-a.tar.gz", () => TarGz.Plugin("com.example.conflict", "1.0.0", name: "A").Build(), Trusted, BundleRefusalCodes.Conflict);
        yield return new("manifest/conflict-b.tar.gz", () => TarGz.Plugin("com.example.conflict", "1.0.0", name: "B").Build(), Trusted, BundleRefusalCodes.Conflict);

        // Signatures.
        yield return new("signature/unsigned.tar.gz", () => Good("com.example.unsigned"), _ => null, SignatureRefusal.Missing);
        yield return new("signature/empty.tar.gz", () => Good("com.example.emptysig"), _ => [], SignatureRefusal.Malformed);
        yield return new("signature/garbage.tar.gz", () => Good("com.example.garbagesig"), _ => "not a signature at all"u8.ToArray(), SignatureRefusal.Malformed);
        yield return new("signature/other-file.tar.gz", () => Good("com.example.otherfile"), _ => SharedKeys.Trusted.Sign(Good("com.example.somethingelse")), SignatureRefusal.BadSignature);
        yield return new("signature/altered.tar.gz", () => Good("com.example.altered"), b => SharedKeys.Trusted.Sign([.. b[..^1], (byte)(b[^1] ^ 1)]), SignatureRefusal.BadSignature);
        yield return new("signature/untrusted.tar.gz", () => Good("com.example.untrusted"), b => SharedKeys.Stranger.Sign(b), SignatureRefusal.UnknownSigner);
        yield return new("signature/sha1.tar.gz", () => Good("com.example.sha1"), b => SharedKeys.Trusted.Sign(b, HashAlgorithmTag.Sha1), SignatureRefusal.WeakHash);
        yield return new("signature/text-mode.tar.gz", () => Good("com.example.textmode"), b => SharedKeys.Trusted.Sign(b, signatureType: PgpSignature.CanonicalTextDocument), SignatureRefusal.NotBinaryDocument);
        yield return new("signature/none-trusted.tar.gz", () => Good("com.example.nonetrusted"), b => [.. SharedKeys.Stranger.Sign(b), .. SharedKeys.Stranger.Sign(b, HashAlgorithmTag.Sha512)], SignatureRefusal.UnknownSigner);
    }
}
