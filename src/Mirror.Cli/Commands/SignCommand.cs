using System.CommandLine;
using Mirror.Core;
using Mirror.Core.Signing;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror sign BUNDLE... --key PRIVATE.asc [--armor] [--passphrase-file F]</c></summary>
internal static class SignCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var bundles = new Argument<string[]>("BUNDLE")
        {
            Description = "Plugin bundles (*.tar.gz) to sign; each gets BUNDLE.sig beside it.",
            Arity = ArgumentArity.OneOrMore,
        };
        var key = new Option<string>("--key", "-k") { Description = "The private key (armored or binary), e.g. private-key.asc of `mirror keys generate`.", Required = true, HelpName = "PRIVATE.asc" };
        var armor = new Option<bool>("--armor", "-a") { Description = "Write an ASCII-armored signature (still named BUNDLE.sig)." };
        var passphraseFile = new Option<string?>("--passphrase-file") { Description = "The private key's passphrase: the first line of this file.", HelpName = "FILE" };
        var command = new Command("sign", "Sign bundles the way Mattermost verifies: v4 detached binary signature, SHA-256, issuer key id.")
        {
            bundles, key, armor, passphraseFile,
        };
        command.SetAction(parsed => Guarded.Run(stderr, () =>
        {
            var signed = BundleSigner.SignAll(parsed.GetValue(bundles)!, parsed.GetValue(key)!, parsed.GetValue(passphraseFile),
                parsed.GetValue(armor), DateTimeOffset.UtcNow);
            foreach (var bundle in signed)
                stdout.WriteLine($"signed {bundle.Bundle} -> {bundle.SignatureFile} (key {bundle.SigningKeyFingerprint}, {bundle.UserId})");
            return ExitCodes.Success;
        }));
        return command;
    }
}
