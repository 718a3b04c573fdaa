using System.Runtime.InteropServices;
using Mirror.Cli.Commands;
using Mirror.Core;

namespace Mirror.Cli;

internal static class Program
{
    /// <summary>SIGXFSZ: a write past the file size limit (<c>ulimit -f</c>).</summary>
    private const int FileSizeLimitSignal = 25;

    /// <summary>
    /// SIGXFSZ's default action kills the process without a word and leaves the staging folder behind; handled, the
    /// write fails with EFBIG instead, which a build reports as a site it cannot write (exit 1). Never disposed: .NET
    /// hands the signal to its handler later, on another thread, and once the registration was gone (disposed at the end
    /// of Main) it took the default action after all, killing a process that had already said why it failed.
    /// </summary>
    private static PosixSignalRegistration? fileSizeLimit;

    public static int Main(string[] args)
    {
        if (OperatingSystem.IsLinux())
            fileSizeLimit = PosixSignalRegistration.Create((PosixSignal)FileSizeLimitSignal, signal => signal.Cancel = true);
        try
        {
            return Run(args, Console.Out, Console.Error, terminal: !Console.IsOutputRedirected);
        }
        catch (Exception e)
        {
            // Only a bug gets here: say so in one line rather than dump a stack trace on an admin or a CI log.
            Console.Error.WriteLine($"mirror: internal error ({e.GetType().Name}: {e.Message}); please report it with the command that caused it");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The whole command line, with its output streams given, so tests run it in-process. <paramref name="terminal"/>
    /// says whether stdout is a terminal (tables and help wrapped to its width) or a pipe (plain lines, for scripts).
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool terminal = false)
    {
        var output = new Output(stdout, stderr, terminal);
        var root = CommandLine.Root("Plugin Mirror: turn a folder of signed Mattermost plugin bundles into an offline Plugin Marketplace.");
        // The usage lists the commands in this order.
        root.Subcommands.Add(InitCommand.Create(output));
        root.Subcommands.Add(BuildCommand.Create(output));
        root.Subcommands.Add(VerifyCommand.Create(output));
        root.Subcommands.Add(SignCommand.Create(stdout, stderr));
        root.Subcommands.Add(KeysCommand.Create(output));
        root.Subcommands.Add(SyncCommand.Create(stderr));
        root.Subcommands.Add(ImportCommand.Create(stderr));
        root.Subcommands.Add(ServeCommand.Create(stdout, stderr));
        return CommandLine.Run(root, args, output);
    }
}
