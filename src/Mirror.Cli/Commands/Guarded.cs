using Mirror.Core;

namespace Mirror.Cli.Commands;

/// <summary>Runs a command so that a user's mistake prints one line and its exit code, never a stack trace.</summary>
internal static class Guarded
{
    public static int Run(TextWriter stderr, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (MirrorException e)
        {
            stderr.WriteLine($"mirror: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"mirror: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
