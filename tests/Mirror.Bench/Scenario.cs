using System.Diagnostics;

namespace Mirror.Bench;

/// <summary>One catalog and the runs measured on it, in rounds: every run once per round, in the same order.</summary>
internal sealed record Scenario(string Name, string Root, int Count, int PayloadBytes, bool SignWithGpg, bool SiteFloor)
{
    public const string CopyCatalog = "cp -r of the catalog (floor)";
    public const string CopySite = "cp -r of the finished site (floor)";
    public const string Script = "gpgv + tar + jq script";
    public const string Hashing = "openssl SHA-256 of every bundle, on both cores (reference)";
    public const string Cold = "mirror build, cold (--no-cache)";
    public const string NoChange = "mirror build, nothing changed";
    public const string OneChanged = "mirror build, one bundle changed";

    private string Catalog => Path.Combine(Root, "catalog");

    public double CatalogMegabytes => Directory.EnumerateFiles(Catalog, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1048576.0;

    public int SiteFiles { get; private set; }

    public Dictionary<string, Measured> Measure(BenchCatalog keys, string program, string[] prefix, string script, int rounds)
    {
        Console.WriteLine($"{Name}: generating...");
        keys.Create(Catalog, Count, PayloadBytes, SignWithGpg);

        // The rebuilt sites: each built twice first, so that the cache's records are settled (a file changed within
        // two seconds of being looked at is hashed again, as git treats "racy" entries).
        var steady = Path.Combine(Root, "steady");
        var changing = Path.Combine(Root, "changing");
        var changingCatalog = Path.Combine(Root, "catalog-changing");
        Shell("cp", "-al", Catalog, changingCatalog);
        foreach (var (catalog, site) in new[] { (Catalog, steady), (changingCatalog, changing) })
        {
            Mirror(program, prefix, catalog, site);
            Mirror(program, prefix, catalog, site);
        }

        SiteFiles = Directory.EnumerateFiles(steady, "*", SearchOption.AllDirectories).Count();
        var runs = new Dictionary<string, List<Measured>>();
        void Record(string name, Measured measured) => (runs.TryGetValue(name, out var list) ? list : runs[name] = []).Add(measured);
        for (var round = 0; round < rounds; round++)
        {
            Console.WriteLine($"{Name}: round {round + 1} of {rounds}");
            // Every copy and cold site is kept until the end: a folder deleted just before a run slows the file
            // creation of the next one (ext4 skips recently freed inodes), which would blame whichever run came next.
            string Scratch(string what) => Path.Combine(Root, $"{what}-{round}");
            Record(CopyCatalog, Measured.Run("cp", ["-r", Catalog, Scratch("catalog-copy")], Catalog));
            if (SiteFloor)
                Record(CopySite, Measured.Run("cp", ["-r", steady, Scratch("site-copy")], steady));
            else
                Record(Hashing, Measured.Run("sh", ["-c", HashEveryBundle, "hash", Path.Combine(Catalog, "plugins")], Catalog));

            Record(Cold, Measured.Run(program, [.. prefix, "build", Catalog, "--output", Scratch("cold"), "--no-cache"], [.. prefix, Catalog]));
            Record(NoChange, Measured.Run(program, [.. prefix, "build", Catalog, "--output", steady], [.. prefix, Catalog, CacheOf(steady)]));
            keys.WriteBundle(Path.Combine(changingCatalog, "plugins", "p00000.tar.gz.new"), 0, PayloadBytes, variant: round + 1, SignWithGpg);
            File.Move(Path.Combine(changingCatalog, "plugins", "p00000.tar.gz.new"), Path.Combine(changingCatalog, "plugins", "p00000.tar.gz"), overwrite: true);
            File.Move(Path.Combine(changingCatalog, "plugins", "p00000.tar.gz.new.sig"), Path.Combine(changingCatalog, "plugins", "p00000.tar.gz.sig"), overwrite: true);
            Record(OneChanged, Measured.Run(program, [.. prefix, "build", changingCatalog, "--output", changing], [.. prefix, changingCatalog, CacheOf(changing)]));
            if (round == 0)
            {
                var (sample, scale) = ScriptSample();
                var run = Measured.Run(script, [sample, Scratch("script"), keys.Keyring], sample, keys.Keyring);
                Record(Script, run with { Seconds = run.Seconds * scale });
            }
        }

        return runs.ToDictionary(x => x.Key, x => Median(x.Value));
    }

    /// <summary>Only the cold build and its floor, once each, for the scaling figure.</summary>
    public Dictionary<string, Measured> MeasureColdOnly(BenchCatalog keys, string program, string[] prefix)
    {
        Console.WriteLine($"{Name}: generating...");
        keys.Create(Catalog, Count, PayloadBytes, SignWithGpg);
        var site = Path.Combine(Root, "site");
        var cold = Measured.Run(program, [.. prefix, "build", Catalog, "--output", site, "--no-cache"], [.. prefix, Catalog]);
        SiteFiles = Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories).Count();
        var copy = Measured.Run("cp", ["-r", site, Path.Combine(Root, "copy")], site);
        return new Dictionary<string, Measured> { [Cold] = cold, [CopySite] = copy };
    }

    /// <summary>
    /// The hashing no check of a signed bundle can skip, at OpenSSL's speed: one SHA-256 over every bundle (the
    /// signature's hash and the report's digest), the bundles shared out to two processes, a reference beside the floor.
    /// </summary>
    private const string HashEveryBundle = """find "$1" -name '*.tar.gz' -print0 | xargs -0 -P2 -n16 openssl dgst -sha256 >/dev/null""";

    /// <summary>At most this many bundles go through the script (~0.2 s each): its time is scaled to the whole catalog, as it is linear.</summary>
    public const int ScriptSampleSize = 200;

    /// <summary>The catalog, or its first bundles (hard links), for the script; and the factor to scale its time by.</summary>
    private (string Catalog, double Scale) ScriptSample()
    {
        if (Count <= ScriptSampleSize)
            return (Catalog, 1);
        var sample = Path.Combine(Root, "catalog-sample");
        Directory.CreateDirectory(Path.Combine(sample, "plugins"));
        foreach (var bundle in Directory.EnumerateFiles(Path.Combine(Catalog, "plugins"), "*.tar.gz").Order(StringComparer.Ordinal).Take(ScriptSampleSize))
        {
            foreach (var file in new[] { bundle, bundle + ".sig" })
                File.Copy(file, Path.Combine(sample, "plugins", Path.GetFileName(file)));
        }

        return (sample, (double)Count / ScriptSampleSize);
    }

    /// <summary>Where a site's build cache is by default (as <c>BuildCache.DefaultFolder</c> puts it).</summary>
    private static string CacheOf(string site) => Path.Combine(Path.GetDirectoryName(site)!, $".{Path.GetFileName(site)}.cache");

    private static void Mirror(string program, string[] prefix, string catalog, string site) =>
        Measured.Run(program, [.. prefix, "build", catalog, "--output", site]);

    private static Measured Median(List<Measured> runs)
    {
        var ordered = runs.OrderBy(x => x.Seconds).ToList();
        return ordered[ordered.Count / 2] with { PeakKb = runs.Max(x => x.PeakKb) };
    }

    private static void Shell(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
    }
}
