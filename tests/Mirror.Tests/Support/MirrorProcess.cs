using System.Diagnostics;

namespace Mirror.Tests.Support;

/// <summary>The real <c>mirror</c> program in its own process, for what in-process runs cannot show: SIGKILL, resource limits.</summary>
public static class MirrorProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "mirror.dll");

    /// <summary>
    /// The test assembly's runtime config and dependencies: they name the ASP.NET Core shared framework (the tests
    /// reference it for Kestrel), which then provides the libraries the build no longer copies beside mirror.dll.
    /// </summary>
    private static string TestHost(string extension) => Path.Combine(AppContext.BaseDirectory, $"Mirror.Tests.{extension}");

    /// <summary>Starts <c>dotnet mirror.dll ARGS</c> under bash, after <paramref name="shellPrelude"/> (e.g. a ulimit).</summary>
    public static Process Start(IEnumerable<string> args, string shellPrelude = "")
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"{shellPrelude} exec dotnet exec --runtimeconfig '{TestHost("runtimeconfig.json")}' --depsfile '{TestHost("deps.json")}' \"$0\" \"$@\"");
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    public static Tool.Result Run(IEnumerable<string> args, string shellPrelude = "")
    {
        using var process = Start(args, shellPrelude);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Tool.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
