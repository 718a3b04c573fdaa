using System.CommandLine;
using Mirror.Core;
using Mirror.Core.KeyManagement;
using Mirror.Core.Scanning;
using Mirror.OpenPgp;
using Mirror.OpenPgp.Generation;

namespace Mirror.Cli.Commands;

/// <summary><c>mirror keys generate|list|add|remove</c>: the signing keys of publishers and the trusted keys of a catalog.</summary>
internal static class KeysCommand
{
    public static Command Create(Output output)
    {
        var (stdout, stderr) = (output.Stdout, output.Stderr);
        var command = new Command("keys", "Make signing keys and manage the trusted keys of a catalog.")
        {
            Generate(stdout, stderr),
            List(stdout, stderr),
            Add(stdout, stderr),
            Remove(stdout, stderr),
        };
        command.SetAction(parsed => CommandLine.ShowHelp(parsed, output)); // `mirror keys` alone: what it can do
        return command;
    }

    private static Command Generate(TextWriter stdout, TextWriter stderr)
    {
        var name = new Option<string>("--name") { Description = "The key owner's name (the user id's name part).", Required = true, HelpName = "NAME" };
        var email = new Option<string>("--email") { Description = "The key owner's e-mail address.", Required = true, HelpName = "EMAIL" };
        var output = new Option<string>("--output", "-o") { Description = "The folder to write public-key.asc and private-key.asc to.", Required = true, HelpName = "DIR" };
        var bits = new Option<int>("--bits") { Description = "RSA key size: 3072 or 4096.", DefaultValueFactory = _ => KeyGenerator.DefaultBits, HelpName = "3072|4096" };
        var passphraseFile = new Option<string?>("--passphrase-file") { Description = "Protect the private key with the first line of this file.", HelpName = "FILE" };
        var command = new Command("generate", "Make an RSA signing key that Mattermost can verify (no GnuPG needed).")
        {
            name, email, output, bits, passphraseFile,
        };
        command.SetAction(parsed => Guarded.Run(stderr, () =>
        {
            var passphrase = PassphraseFile.Read(parsed.GetValue(passphraseFile));
            var (key, publicFile, privateFile) = KeyPairFiles.Generate(parsed.GetValue(name)!, parsed.GetValue(email)!,
                parsed.GetValue(output)!, parsed.GetValue(bits), passphrase, DateTimeOffset.UtcNow);
            stdout.WriteLine(key.Fingerprint);
            stderr.WriteLine($"mirror: made RSA-{parsed.GetValue(bits)} key {key.Fingerprint} for {key.UserId}");
            stderr.WriteLine($"  public key:  {publicFile}  (share it: mirror keys add {publicFile} CATALOG)");
            stderr.WriteLine($"  private key: {privateFile}  (mode 0600{(passphrase is null ? ", no passphrase" : "")}: keep it secret, back it up)");
            stderr.WriteLine($"  next: mirror sign BUNDLE.tar.gz --key {privateFile}{(passphrase is null ? "" : " --passphrase-file FILE")}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List(TextWriter stdout, TextWriter stderr)
    {
        var catalog = Arguments.Catalog("The catalog whose keys/ folder to list.");
        var json = new Option<bool>("--json") { Description = "Print the keys as JSON instead of a table." };
        var command = new Command("list", "List the trusted keys of a catalog, whether Mattermost can use them, and warnings.") { catalog, json };
        command.SetAction(parsed => Guarded.Run(stderr, () =>
        {
            var keys = CatalogKeys.Open(parsed.GetValue(catalog)!);
            KeyWarnings.Write(keys.Keyring.Warnings, stderr);
            var listing = keys.List(DateTimeOffset.UtcNow);
            if (parsed.GetValue(json))
                stdout.Write(System.Text.Encoding.UTF8.GetString(KeyListingJson.Render(listing)));
            else if (listing.Count == 0)
                stderr.WriteLine("mirror: no trusted keys (add one with `mirror keys add FILE CATALOG`)");
            else
                stdout.Write(KeyTable(listing));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Add(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Public key files (armored or binary) to trust; a last word that is a folder is the catalog [default: ./catalog].",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("add", "Trust the public keys of FILE... in CATALOG: each is checked first; private keys are refused.") { files };
        command.SetAction(parsed => Guarded.Run(stderr, () =>
        {
            var (keyFiles, catalog) = Arguments.SplitTrailingCatalog(parsed.GetValue(files)!, "key file", Path.HasExtension);
            foreach (var change in CatalogKeys.Open(catalog).Add(keyFiles, DateTimeOffset.UtcNow))
            {
                stdout.WriteLine(change.Kind == KeyChangeKind.Added
                    ? $"added {change.Fingerprint} {change.UserId} -> {DisplayName.Escape(change.File)}"
                    : $"already trusted {change.Fingerprint} {change.UserId} ({DisplayName.Escape(change.File)}); not added again");
                foreach (var warning in change.Warnings)
                    stderr.WriteLine($"  warning {change.Fingerprint}: {warning}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Remove(TextWriter stdout, TextWriter stderr)
    {
        var keys = new Argument<string[]>("FINGERPRINT")
        {
            Description = "Full fingerprints or long key ids of trusted keys; a last word that is a folder is the catalog [default: ./catalog].",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("remove", "Stop trusting keys: removed from CATALOG's keys/ folder.") { keys };
        command.SetAction(parsed => Guarded.Run(stderr, () =>
        {
            var (selectors, catalog) = Arguments.SplitTrailingCatalog(parsed.GetValue(keys)!, "fingerprint", word => KeySelector.TryParse(word, out _));
            foreach (var change in CatalogKeys.Open(catalog).Remove(selectors))
                stdout.WriteLine($"removed {change.Fingerprint} {change.UserId} (from {change.File})");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string KeyTable(IReadOnlyList<KeyListing> listing) => TextTable.Render(
        ["FINGERPRINT", "USER ID", "ALGORITHM", "CREATED", "EXPIRES", "MATTERMOST", "WARNINGS"],
        listing.Select(k => new[]
        {
            k.Key.Fingerprint, k.Key.UserId, k.Key.AlgorithmAndSize, Dates.Day(k.Key.Primary.Created),
            k.Key.Primary.Expires is { } end ? Dates.Day(end) : "never", k.Assessment.MattermostCanUse ? "usable" : "UNUSABLE",
            string.Join("; ", k.Assessment.Warnings),
        }));
}
