using System.Diagnostics;

namespace Mirror.Tests.Support;

/// <summary>Runs an external program (gpg, gpgv, nginx) and returns what it printed.</summary>
internal static class Tool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? stdin = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Result MustRun(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var result = Run(program, args, environment);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({result.ExitCode}): {result.Stderr}");
        return result;
    }
}
