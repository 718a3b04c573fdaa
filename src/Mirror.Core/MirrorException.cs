namespace Mirror.Core;

/// <summary>A problem the user can fix, said in one line that names the file or setting; never shown with a stack trace.</summary>
internal class MirrorException(string message, int exitCode = ExitCodes.BadUsage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
