using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Mirror.OpenPgp.Signing;

namespace Mirror.Bench;

/// <summary>
/// Catalogs of generated plugin bundles whose server binaries are random (incompressible) bytes, as real bundles'
/// are, signed with a key gpg makes for the run.
/// </summary>
internal sealed class BenchCatalog
{
    private readonly string gnupgHome;
    private readonly SigningKey key;

    public BenchCatalog(string work)
    {
        gnupgHome = Path.Combine(work, "gnupg");
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the benchmark runs on Linux: it uses gpg, gpgv, /usr/bin/time and cp");
        Directory.CreateDirectory(gnupgHome, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Gpg("--quick-gen-key", "Bench Publisher <bench@example.com>", "rsa3072", "sign", "never");
        PublicKey = Gpg("--armor", "--export");
        Keyring = Path.Combine(work, "keyring.gpg");
        File.WriteAllBytes(Keyring, Gpg("--export"));
        var secret = Path.Combine(work, "secret.asc");
        File.WriteAllBytes(secret, Gpg("--armor", "--export-secret-keys"));
        key = SigningKey.Load(secret, "secret.asc", null, DateTimeOffset.UtcNow);
    }

    public byte[] PublicKey { get; }

    /// <summary>The public key as a binary keyring, for gpgv.</summary>
    public string Keyring { get; }

    /// <summary>
    /// Writes <paramref name="count"/> bundles into DIR/plugins with their signatures and trusts the key. With
    /// <paramref name="signWithGpg"/> each signature is made by a gpg process (~0.2 s each on a busy 2-core
    /// machine); otherwise by mirror's own signer with the same gpg-made key, in this process.
    /// </summary>
    public void Create(string dir, int count, int payloadBytes, bool signWithGpg)
    {
        Directory.CreateDirectory(Path.Combine(dir, "keys"));
        Directory.CreateDirectory(Path.Combine(dir, "plugins"));
        File.WriteAllBytes(Path.Combine(dir, "keys", "bench.asc"), PublicKey);
        Parallel.For(0, count, i => WriteBundle(Path.Combine(dir, "plugins", $"p{i:D5}.tar.gz"), i, payloadBytes, variant: 0, signWithGpg));
    }

    /// <summary>A catalog signed by mirror's own signer with a key gpg makes beside it (the serving benchmark only needs a site).</summary>
    public static void Create(string dir, int count, int payloadBytes)
    {
        var keys = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dir))!, "bench-keys");
        Directory.CreateDirectory(keys);
        new BenchCatalog(keys).Create(dir, count, payloadBytes, signWithGpg: false);
    }

    /// <summary>Another version of the same bundle (other payload bytes), signed, for the one-bundle-changed rebuild.</summary>
    public void WriteBundle(string path, int index, int payloadBytes, int variant, bool signWithGpg)
    {
        File.WriteAllBytes(path, Bundle($"com.bench.p{index:D5}", $"Plugin {index:D5}", payloadBytes, seed: index * 7 + variant));
        if (signWithGpg)
        {
            // SHA-256, as every signature in the official Marketplace's production plugins.json is made (digest algo 8).
            Gpg("--yes", "--detach-sign", "--digest-algo", "SHA256", "--output", path + ".sig", path);
            return;
        }

        using var data = File.OpenRead(path);
        File.WriteAllBytes(path + ".sig", DetachedSigner.Sign(key, data, DateTimeOffset.UtcNow, armor: false));
    }

    private byte[] Gpg(params string[] args)
    {
        var info = new ProcessStartInfo("gpg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--homedir", gnupgHome, "--batch", "--quiet", "--passphrase", "", "--pinentry-mode", "loopback" }.Concat(args))
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        using var output = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"gpg {string.Join(' ', args)}: {stderr.Result}");
        return output.ToArray();
    }

    private static byte[] Bundle(string id, string name, int payloadBytes, int seed)
    {
        using var buffer = new MemoryStream();
        // Optimal: gzip's default level, as a plugin's `tar -czf` makes its bundle, which stores incompressible bytes as
        // they are. Fastest Huffman-coded them instead (5 % larger), and gunzip took 12.9 ms per 5 MB instead of 0.3 ms.
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            void Add(string entryName, byte[] content) =>
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream(content) });

            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, id + "/"));
            Add($"{id}/plugin.json", Encoding.UTF8.GetBytes($$"""
                {"id": "{{id}}", "name": "{{name}}", "description": "A generated plugin for the benchmark.", "version": "1.0.0",
                 "min_server_version": "9.0.0", "icon_path": "icon.svg",
                 "server": {"executables": {"linux-amd64": "server/dist/plugin-linux-amd64"} } }
                """));
            Add($"{id}/icon.svg", """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>"""u8.ToArray());
            Add($"{id}/README.md", "# Generated\n\nA plugin for the **benchmark**.\n"u8.ToArray());
            var payload = new byte[payloadBytes];
            new Random(seed).NextBytes(payload);
            Add($"{id}/server/dist/plugin-linux-amd64", payload);
        }

        return buffer.ToArray();
    }
}
