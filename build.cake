// Plugin Mirror build script: `dotnet tool restore && dotnet cake --target=<Build|Test|Publish|Bench|BenchServe>`.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var artifacts = Directory("./artifacts");

Task("Build")
    .Does(() => DotNetBuild("./Mirror.sln", new DotNetBuildSettings { Configuration = configuration }));

Task("Test")
    .IsDependentOn("Build")
    .Does(() => DotNetTest("./Mirror.sln", new DotNetTestSettings { Configuration = configuration, NoBuild = true }));

// Self-contained single-file `mirror` binaries: air-gapped admins cannot restore NuGet packages.
Task("Publish")
    .Does(() =>
{
    foreach (var runtime in new[] { "linux-x64", "win-x64" })
    {
        DotNetPublish("./src/Mirror.Cli/Mirror.Cli.csproj", new DotNetPublishSettings
        {
            Configuration = configuration,
            Runtime = runtime,
            SelfContained = true,
            PublishSingleFile = true,
            OutputDirectory = artifacts + Directory(runtime),
            MSBuildSettings = new DotNetMSBuildSettings().WithProperty("IncludeNativeLibrariesForSelfExtract", "true"),
        });
    }
});

// Timings as ratios against a baseline measured in the same run (see tests/Mirror.Bench/Program.cs).
Task("Bench")
    .Does(() => DotNetRun("./tests/Mirror.Bench/Mirror.Bench.csproj", new DotNetRunSettings { Configuration = "Release" }));

// `mirror serve` against nginx serving the same static site, with wrk (see tests/Mirror.ServeBench/Program.cs).
Task("BenchServe")
    .Does(() => DotNetRun("./tests/Mirror.ServeBench/Mirror.ServeBench.csproj", new DotNetRunSettings { Configuration = "Release" }));

RunTarget(target);
