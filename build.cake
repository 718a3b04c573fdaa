// Plugin Mirror build script: `dotnet tool restore && dotnet cake --target=<Build|Test|Publish|Bench|BenchServe>`.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var artifacts = Directory("./artifacts");

Task("Build")
    .Does(() => DotNetBuild("./Mirror.sln", new DotNetBuildSettings { Configuration = configuration }));

Task("Test")
    .IsDependentOn("Build")
    .Does(() => DotNetTest("./Mirror.sln", new DotNetTestSettings { Configuration = configuration, NoBuild = true }));

// Self-contained `mirror` binaries for air-gapped machines (how they are made: src/Mirror.Cli/Mirror.Cli.csproj),
// one folder per platform under artifacts/, and artifacts/SHA256SUMS to check them with `sha256sum -c SHA256SUMS`.
// `--runtimes=linux-x64` publishes only some (CI publishes the one its tests run).
var runtimes = Argument("runtimes", "linux-x64,linux-arm64,win-x64,osx-arm64").Split(',', StringSplitOptions.RemoveEmptyEntries);

Task("Publish")
    .Does(() =>
{
    foreach (var runtime in runtimes)
    {
        var folder = artifacts + Directory(runtime);
        CleanDirectory(folder);
        DotNetPublish("./src/Mirror.Cli/Mirror.Cli.csproj", new DotNetPublishSettings
        {
            Configuration = configuration,
            Runtime = runtime,
            OutputDirectory = folder,
        });
    }

    var root = MakeAbsolute(artifacts).FullPath;
    var sums = runtimes
        .SelectMany(runtime => System.IO.Directory.GetFiles(System.IO.Path.Combine(root, runtime)))
        .Select(file => System.IO.Path.GetRelativePath(root, file).Replace('\\', '/'))
        .OrderBy(name => name, StringComparer.Ordinal)
        .Select(name => $"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(System.IO.Path.Combine(root, name)))).ToLowerInvariant()}  {name}\n");
    System.IO.File.WriteAllText(System.IO.Path.Combine(root, "SHA256SUMS"), string.Concat(sums));
    foreach (var name in System.IO.File.ReadAllLines(System.IO.Path.Combine(root, "SHA256SUMS")))
        Information(name);
});

// Timings as ratios against a baseline measured in the same run (see tests/Mirror.Bench/Program.cs), of the binary
// admins run: linux-x64, native (Native AOT), published first into artifacts/bench. `--with-20000` adds the
// scaling run on 20,000 small bundles.
Task("Bench")
    .Does(() =>
{
    var folder = artifacts + Directory("bench");
    CleanDirectory(folder);
    DotNetPublish("./src/Mirror.Cli/Mirror.Cli.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        Runtime = "linux-x64",
        OutputDirectory = folder,
    });
    var arguments = $"--mirror {MakeAbsolute(folder + File("mirror")).FullPath}" + (HasArgument("with-20000") ? " --with-20000" : "");
    DotNetRun("./tests/Mirror.Bench/Mirror.Bench.csproj", arguments, new DotNetRunSettings { Configuration = "Release" });
});

// `mirror serve` against nginx serving the same static site, with wrk (see tests/Mirror.ServeBench/Program.cs).
Task("BenchServe")
    .Does(() => DotNetRun("./tests/Mirror.ServeBench/Mirror.ServeBench.csproj", new DotNetRunSettings { Configuration = "Release" }));

RunTarget(target);
