namespace Mirror.Tests.Support;

/// <summary>Named pipes and links made in test folders (a pipe needs the <c>mkfifo</c> program: .NET cannot make one).</summary>
public static class SpecialFiles
{
    public static string Fifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Tool.MustRun("mkfifo", [path]);
        return path;
    }

    public static string Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    /// <summary>Runs a build or check that must finish: a hang (a pipe read) fails the test instead of stalling the run.</summary>
    public static T Finishes<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "still running after 60 s: it hangs");
        return task.Result;
    }
}
