using Mirror.Cli;

namespace Mirror.Tests.Support;

/// <summary>The <c>mirror</c> command line run in-process, its output captured.</summary>
internal static class MirrorCli
{
    public sealed record Result(int Code, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
