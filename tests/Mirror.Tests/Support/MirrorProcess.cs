using System.Diagnostics;

namespace Mirror.Tests.Support;

/// <summary>
/// The real <c>mirror</c> program in its own process, for what in-process runs cannot show: SIGKILL, resource limits,
/// and the published single-file binary. With <c>MIRROR_BINARY</c> set (as <c>.ci/run</c> sets it to the published
/// linux-x64 <c>mirror</c>) that binary runs; otherwise <c>dotnet mirror.dll</c> of this build.
/// </summary>
public static class MirrorProcess
{
    public const string BinaryVariable = "MIRROR_BINARY";

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "mirror.dll");

    /// <summary>
    /// The test assembly's runtime config and dependencies: they name the ASP.NET Core shared framework (the tests
    /// reference it for Kestrel), which then provides the libraries the build no longer copies beside mirror.dll.
    /// </summary>
    private static string TestHost(string extension) => Path.Combine(AppContext.BaseDirectory, $"Mirror.Tests.{extension}");

    /// <summary>The published binary under test, or null when the tests run the build's mirror.dll.</summary>
    public static string? Binary => Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>Starts <c>mirror ARGS</c> under bash, after <paramref name="shellPrelude"/> (e.g. a ulimit).</summary>
    public static Process Start(IEnumerable<string> args, string shellPrelude = "", string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        info.ArgumentList.Add("-c");
        if (Binary is { } binary)
        {
            info.ArgumentList.Add($"{shellPrelude} exec \"$0\" \"$@\"");
            info.ArgumentList.Add(binary);
        }
        else
        {
            info.ArgumentList.Add($"{shellPrelude} exec dotnet exec --runtimeconfig '{TestHost("runtimeconfig.json")}' --depsfile '{TestHost("deps.json")}' \"$0\" \"$@\"");
            info.ArgumentList.Add(Dll);
        }

        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    public static Tool.Result Run(IEnumerable<string> args, string shellPrelude = "", string? workingDirectory = null)
    {
        using var process = Start(args, shellPrelude, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Tool.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
