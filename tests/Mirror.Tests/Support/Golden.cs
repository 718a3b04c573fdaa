using System.Runtime.CompilerServices;

namespace Mirror.Tests.Support;

/// <summary>
/// Golden files: <c>NAME.verified.EXT</c> beside the test holds the approved output; on a mismatch the actual output
/// is written to <c>NAME.received.EXT</c> (git-ignored) to diff and, if right, rename over the verified one.
/// </summary>
internal static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string testFile = "")
    {
        var folder = Path.GetDirectoryName(testFile)!;
        var extension = Path.GetExtension(name);
        var stem = Path.GetFileNameWithoutExtension(name);
        var verified = Path.Combine(folder, $"{stem}.verified{extension}");
        var received = Path.Combine(folder, $"{stem}.received{extension}");
        actual = actual.ReplaceLineEndings("\n");
        if (File.Exists(verified) && File.ReadAllText(verified) == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(verified)
            ? $"{name} differs from {verified}; see {received}"
            : $"no golden file {verified} yet; the output is in {received}");
    }
}
