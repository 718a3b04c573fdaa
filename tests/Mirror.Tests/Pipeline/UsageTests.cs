using Mirror.Core;
using Mirror.Tests.Support;

namespace Mirror.Tests.Pipeline;

/// <summary>What a newcomer sees first: the usage, each command's help, and one clear line for a typo.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Mirror_alone_prints_every_command_on_one_line_and_how_to_start(params string[] args)
    {
        var result = MirrorCli.Run(args);
        Assert.Equal((ExitCodes.Success, ""), (result.Code, result.Stderr));
        Golden.Verify("usage.txt", result.Stdout);
    }

    [Theory]
    [InlineData("keys")]
    [InlineData("help", "keys")]
    [InlineData("keys", "--help")]
    public void Keys_alone_prints_the_help_of_keys(params string[] args)
    {
        var result = MirrorCli.Run(args);
        Assert.Equal((ExitCodes.Success, ""), (result.Code, result.Stderr));
        Golden.Verify("help-keys.txt", result.Stdout);
    }

    [Theory]
    [InlineData("build")]
    [InlineData("verify")]
    [InlineData("init")]
    [InlineData("sign")]
    [InlineData("keys", "generate")]
    [InlineData("keys", "add")]
    public void Help_COMMAND_is_the_same_as_COMMAND_help_and_names_what_each_option_takes(params string[] command)
    {
        var viaHelp = MirrorCli.Run(["help", .. command]);
        var viaFlag = MirrorCli.Run([.. command, "--help"]);
        Assert.Equal((ExitCodes.Success, ""), (viaHelp.Code, viaHelp.Stderr));
        Assert.Equal(viaFlag, viaHelp);
        Golden.Verify($"help-{string.Join('-', command)}.txt", viaHelp.Stdout);
    }

    [Theory]
    [InlineData(new[] { "biuld" }, "mirror: unknown command 'biuld'; did you mean 'build'?\nRun `mirror help` for usage.\n")]
    [InlineData(new[] { "verfy", "./catalog" }, "mirror: unknown command 'verfy'; did you mean 'verify'?\nRun `mirror help` for usage.\n")]
    [InlineData(new[] { "frobnicate" }, "mirror: unknown command 'frobnicate'\nRun `mirror help` for usage.\n")]
    [InlineData(new[] { "build", "--ouput", "out" }, "mirror: unknown option '--ouput'; did you mean '--output'?\nRun `mirror help build` for usage.\n")]
    [InlineData(new[] { "build", "./catalog", "--base-ulr", "https://x/" }, "mirror: unknown option '--base-ulr'; did you mean '--base-url'?\nRun `mirror help build` for usage.\n")]
    [InlineData(new[] { "keys", "lst" }, "mirror: unknown keys command 'lst'; did you mean 'list'?\nRun `mirror help keys` for usage.\n")]
    [InlineData(new[] { "keys", "generate", "--nmae", "x" }, "mirror: unknown option '--nmae'; did you mean '--name'?\nRun `mirror help keys generate` for usage.\n")]
    [InlineData(new[] { "sign", "a.tar.gz", "--armour" }, "mirror: unknown option '--armour'; did you mean '--armor'?\nRun `mirror help sign` for usage.\n")]
    [InlineData(new[] { "help", "biuld" }, "mirror: unknown command 'biuld'; did you mean 'build'?\nRun `mirror help` for usage.\n")]
    public void A_typo_is_named_once_with_the_nearest_word_before_anything_else(string[] args, string stderr)
    {
        Assert.Equal(new MirrorCli.Result(ExitCodes.BadUsage, "", stderr), MirrorCli.Run(args));
    }

    [Fact]
    public void An_option_value_that_starts_with_a_dash_is_not_taken_for_a_flag()
    {
        using var catalog = new TestCatalog();
        var result = MirrorCli.Run("build", catalog.Dir, "--title", "-dashing-", "--output", catalog.SiteDir);
        Assert.Equal(ExitCodes.Failure, result.Code); // an empty catalog: nothing published, but the flags were read
        Assert.Equal("mirror: no *.tar.gz bundles in the catalog; nothing published, the previous site is untouched\n", result.Stderr.Split('\n', 2)[1]);
    }

    [Fact]
    public void Verify_of_a_path_that_does_not_exist_says_so()
    {
        Assert.Equal(new MirrorCli.Result(ExitCodes.BadUsage, "", "mirror: \"nosuchdir\" does not exist (give a catalog folder, or bundle files *.tar.gz)\n"),
            MirrorCli.Run("verify", "nosuchdir"));
    }

    [Theory]
    [InlineData("add", "key.asc")]
    [InlineData("remove", "0123456789ABCDEF")]
    public void Keys_add_and_remove_name_a_catalog_that_does_not_exist(string verb, string item)
    {
        Assert.Equal(new MirrorCli.Result(ExitCodes.BadUsage, "", "mirror: catalog folder \"newcat\" does not exist\n"),
            MirrorCli.Run("keys", verb, item, "newcat"));
    }
}
