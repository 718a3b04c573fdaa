using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Mirror.Bench;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Pipeline;
using Mirror.Core.Scanning;
using Mirror.Core.Verification;

// `dotnet cake --target=Bench`: how long the mirror takes, as ratios against baselines measured in the same run on
// the same files, so figures compare across machines. Checking is compared with reading each bundle, gunzipping it
// and hashing it (the least any checker must do); building with that plus creating as many files as the site has
// (file creation dominates a site of many small plugins). Each figure is the median of several runs.
const int Runs = 5;
var scenarios = new (string Name, int Bundles, int PayloadBytes)[]
{
    ("1000 small bundles (16 KB)", 1000, 16 * 1024),
    ("40 large bundles (8 MB)", 40, 8 * 1024 * 1024),
};

Console.WriteLine($"Plugin Mirror benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, median of {Runs} runs");
Console.WriteLine();
foreach (var (name, bundles, payload) in scenarios)
{
    var root = Directory.CreateTempSubdirectory("mirror-bench-").FullName;
    try
    {
        var catalog = Path.Combine(root, "catalog");
        BenchCatalog.Create(catalog, bundles, payload);
        var files = Directory.GetFiles(catalog, "*.tar.gz", SearchOption.AllDirectories);
        var megabytes = files.Sum(f => new FileInfo(f).Length) / 1048576.0;

        var baseline = Median(() => ReadGunzipHash(files));
        var verify = Median(() => CatalogChecker.CheckAll(CatalogInput.Load(catalog), ArchiveLimits.Default));
        var site = Path.Combine(root, "site");
        var build = Median(() => SiteBuilder.Build(new BuildRequest(catalog, site)));
        var siteFiles = Directory.GetFiles(site, "*", SearchOption.AllDirectories).Length;
        var writeFloor = Median(() => CreateFiles(Path.Combine(root, "floor"), siteFiles));

        Console.WriteLine($"{name}: {megabytes:0.0} MB");
        Console.WriteLine($"  baseline (read + gunzip + SHA-256)  {baseline,8:0} ms   1.00x");
        Console.WriteLine($"  mirror verify (all checks)          {verify,8:0} ms   {verify / baseline,5:0.00}x");
        Console.WriteLine($"  mirror build (checks + site)        {build,8:0} ms   {build / baseline,5:0.00}x");
        Console.WriteLine($"  baseline + creating {siteFiles,5} files     {baseline + writeFloor,8:0} ms   1.00x");
        Console.WriteLine($"  mirror build (checks + site)        {build,8:0} ms   {build / (baseline + writeFloor),5:0.00}x");
        Console.WriteLine();
    }
    finally
    {
        Directory.Delete(root, recursive: true);
    }
}

static double Median(Action action)
{
    action();
    var times = new List<double>();
    for (var i = 0; i < Runs; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    return times.Order().ElementAt(Runs / 2);
}

// As many 2 KB files as the site has, three per folder, in parallel: what creating the site's files costs at least.
static void CreateFiles(string folder, int count)
{
    if (Directory.Exists(folder))
        Directory.Delete(folder, recursive: true);
    var block = new byte[2048];
    Parallel.For(0, count, i =>
    {
        var dir = Directory.CreateDirectory(Path.Combine(folder, (i / 3).ToString())).FullName;
        File.WriteAllBytes(Path.Combine(dir, i.ToString()), block);
    });
}

static void ReadGunzipHash(string[] files) => Parallel.ForEach(files, file =>
{
    using var stream = File.OpenRead(file);
    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    var buffer = new byte[81920];
    int read;
    while ((read = stream.Read(buffer)) > 0)
        hash.AppendData(buffer.AsSpan(0, read));
    stream.Position = 0;
    using var gzip = new GZipStream(stream, CompressionMode.Decompress);
    gzip.CopyTo(Stream.Null);
    hash.GetHashAndReset();
});
