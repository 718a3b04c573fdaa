namespace Mirror.Tests.Support;

/// <summary>Runs code in another working directory (for the commands' relative defaults), one test at a time.</summary>
internal static class WorkingDirectory
{
    private static readonly Lock Gate = new();

    public static T In<T>(string directory, Func<T> action)
    {
        lock (Gate)
        {
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = directory;
            try
            {
                return action();
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }
        }
    }
}
