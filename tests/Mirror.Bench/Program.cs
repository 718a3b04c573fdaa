using System.Globalization;
using Mirror.Bench;

// `dotnet cake --target=Bench` (or `dotnet run -c Release --project tests/Mirror.Bench [-- --rounds N] [--mirror PATH] [--with-20000] [--quick] | -- --make-catalog DIR N [PAYLOAD_BYTES]`):
// the real `mirror` program, run as a process, against its floors, measured interleaved in one run so that ratios
// hold on a busy machine. Floors: `cp -r` of the catalog (the copy a build must make anyway) and, for many small
// bundles, `cp -r` of the finished site (the files a build must create). Peer: the admin's gpgv+tar+jq script.
var options = args.ToList();
var rounds = options.IndexOf("--rounds") is var r and >= 0 ? int.Parse(options[r + 1], CultureInfo.InvariantCulture) : options.Contains("--quick") ? 1 : 3;
var mirror = options.IndexOf("--mirror") is var m and >= 0 ? Path.GetFullPath(options[m + 1]) : null;
var with20000 = options.Contains("--with-20000");
// --quick: a smoke run of the benchmark itself (10 bundles of 1 MB, 100 small ones, one round); its figures mean little.
var quick = options.Contains("--quick");
// --make-catalog DIR N [PAYLOAD_BYTES]: only writes a catalog of N bundles (2 KB payloads unless given) into DIR, signed by
// mirror's signer, to profile a build by hand.
if (options.IndexOf("--make-catalog") is var c and >= 0)
{
    int Number(int at, int otherwise) => options.Count > at ? int.Parse(options[at], CultureInfo.InvariantCulture) : otherwise;
    BenchCatalog.Create(Path.GetFullPath(options[c + 1]), Number(c + 2, 0), Number(c + 3, 2048));
    return;
}

var repo = RepoRoot();
var (program, prefix) = mirror is null
    ? ("dotnet", new[] { Path.Combine(repo, "src", "Mirror.Cli", "bin", "Release", "net10.0", "mirror.dll") })
    : (mirror, Array.Empty<string>());
var script = Path.Combine(repo, "tests", "Mirror.Bench", "admin-script.sh");

Console.WriteLine($"Plugin Mirror benchmark: {Environment.ProcessorCount} cores, {(mirror ?? "dotnet mirror.dll (Release, JIT)")}, " +
    $"median of {rounds} interleaved rounds (the script: one run)");
var work = Directory.CreateTempSubdirectory("mirror-bench-").FullName;
try
{
    var keys = new BenchCatalog(work);
    var large = quick
        ? new Scenario("10 bundles of 1 MB", Path.Combine(work, "large"), 10, 1 << 20, SignWithGpg: true, SiteFloor: false)
        : new Scenario("100 bundles of 5 MB", Path.Combine(work, "large"), 100, 5 << 20, SignWithGpg: true, SiteFloor: false);
    var small = quick
        ? new Scenario("100 small bundles", Path.Combine(work, "small"), 100, 2048, SignWithGpg: false, SiteFloor: true)
        : new Scenario("2,000 small bundles", Path.Combine(work, "small"), 2000, 2048, SignWithGpg: false, SiteFloor: true);
    var results = new List<(Scenario, Dictionary<string, Measured>)>();
    foreach (var scenario in new[] { large, small })
        results.Add((scenario, scenario.Measure(keys, program, prefix, script, rounds)));
    foreach (var (scenario, figures) in results)
        Report.Table(scenario, figures);
    if (with20000)
    {
        var huge = new Scenario("20,000 small bundles", Path.Combine(work, "huge"), 20000, 2048, SignWithGpg: false, SiteFloor: true);
        Report.Scaling(small, results[1].Item2, huge, huge.MeasureColdOnly(keys, program, prefix));
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

static string RepoRoot()
{
    var dir = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(dir, "Mirror.sln")))
        dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("run the benchmark from inside the repository");
    return dir;
}
