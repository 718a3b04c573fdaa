using Mirror.Tests.Support;

namespace Mirror.Tests.Integration;

/// <summary>Each test run leaves no web server behind: every nginx and Apache a test started has ended, workers too.</summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class ServerCleanupTests
{
    [Fact]
    public void Nginx_and_apache_stop_gracefully_with_all_their_processes_and_no_server_of_this_run_is_left()
    {
        using var site = new TempDir();
        Directory.CreateDirectory(site["nginx"]);
        File.WriteAllText(site["nginx/mirror.conf"], "");
        File.WriteAllText(site["index.html"], "ok");

        var nginx = new NginxServer(site.Path, LocalServer.FreePort());
        var apache = new ApacheServer(site.Path, LocalServer.FreePort(), "/mirror");
        nginx.Dispose();
        apache.Dispose();

        Assert.True(nginx.StoppedProcesses!.Processes.Count >= 2, "nginx had a master and a worker");
        Assert.NotEmpty(apache.StoppedProcesses!.Processes);
        Assert.Contains(nginx.StoppedProcesses, LocalServer.Stopped);
        Assert.Contains(apache.StoppedProcesses, LocalServer.Stopped);
        Assert.All(LocalServer.Stopped, stopped => Assert.True(stopped.WaitUntilGone(LocalServer.StopTimeout),
            $"{stopped.Server} processes {string.Join(", ", stopped.Alive())} are still running {LocalServer.StopTimeout.TotalSeconds:0} s after the stop"));
    }
}
