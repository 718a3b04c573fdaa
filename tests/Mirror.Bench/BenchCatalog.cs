using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Mirror.OpenPgp.Generation;
using Mirror.OpenPgp.Signing;

namespace Mirror.Bench;

/// <summary>A catalog of generated plugin bundles, signed by a key made for the run, with the product's own signer.</summary>
internal static class BenchCatalog
{
    public static void Create(string dir, int bundles, int payloadBytes)
    {
        var key = KeyGenerator.Generate("Bench <bench@example.com>", 3072, null, DateTimeOffset.UtcNow);
        Directory.CreateDirectory(Path.Combine(dir, "keys"));
        File.WriteAllBytes(Path.Combine(dir, "keys", "bench.asc"), key.PublicArmored);
        var privateFile = Path.Combine(dir, "..", "bench-private.asc");
        File.WriteAllBytes(privateFile, key.PrivateArmored);
        var signer = SigningKey.Load(privateFile, "bench-private.asc", null, DateTimeOffset.UtcNow);

        Parallel.For(0, bundles, i =>
        {
            var path = Path.Combine(dir, "plugins", $"p{i:D5}.tar.gz");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Bundle($"com.bench.p{i:D5}", $"Plugin {i:D5}", payloadBytes, seed: i));
            using var data = File.OpenRead(path);
            File.WriteAllBytes(path + ".sig", DetachedSigner.Sign(signer, data, DateTimeOffset.UtcNow, armor: false));
        });
    }

    /// <summary>A plugin with a server binary of <paramref name="payloadBytes"/> random (incompressible) bytes, as real bundles are.</summary>
    private static byte[] Bundle(string id, string name, int payloadBytes, int seed)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            void Add(string entryName, byte[] content)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream(content) });
            }

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
