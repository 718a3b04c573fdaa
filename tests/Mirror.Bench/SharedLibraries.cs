using System.Diagnostics;

namespace Mirror.Bench;

/// <summary>
/// The shared libraries a measured run loads, read back into the page cache after it is emptied, as they are on a
/// machine in use: left out, a run read them from disk, which added 4–6 ms to a 20 ms rebuild (by hand, `mirror`'s
/// libcrypto and libssl) and nothing that the program itself does.
/// </summary>
internal static class SharedLibraries
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Known = [];

    /// <summary>
    /// What <c>ldd</c> lists for <paramref name="program"/> and for the shell and <c>time</c> that start it, and the
    /// OpenSSL libraries .NET opens at run time (which ldd cannot see) for every run alike.
    /// </summary>
    public static IReadOnlyList<string> Of(string program)
    {
        if (!Known.TryGetValue(program, out var libraries))
        {
            libraries = new[] { program, "/usr/bin/time", "/bin/bash" }.SelectMany(Listed)
                .Concat(Listed("/usr/bin/openssl"))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            Known[program] = libraries;
        }

        return libraries;
    }

    /// <summary>The paths in <c>ldd</c>'s answer ("libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)"); none when it has none.</summary>
    private static IEnumerable<string> Listed(string program)
    {
        var path = program.Contains('/') ? program : Which(program);
        if (path is null || !File.Exists(path))
            return [];
        var info = new ProcessStartInfo("ldd", [path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var ldd = Process.Start(info)!;
        var answer = ldd.StandardOutput.ReadToEnd();
        ldd.WaitForExit();
        return answer.Split('\n')
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(word => word.StartsWith('/') && File.Exists(word))
            .ToList();
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);
}
