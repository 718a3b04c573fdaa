// Plugin Mirror build script: `dotnet tool restore && dotnet cake --target=<Build|Test|Publish>`.
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

RunTarget(target);
