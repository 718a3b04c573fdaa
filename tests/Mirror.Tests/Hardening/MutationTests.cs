using Mirror.Core.Bundles.Archive;
using Mirror.Core.Scanning;
using Mirror.Core.Verification;
using Mirror.OpenPgp.Keys;
using Mirror.Tests.Support;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Mirror.Tests.Hardening;

/// <summary>
/// Valid bundles and signatures mutated thousands of times (bytes flipped, cut, appended, spliced): the checker never
/// throws, and publishes only when the signature still verifies over the exact bytes, judged by BouncyCastle's own
/// verification (an independent path from ours) and, for every such case, by gpgv.
/// Set MIRROR_MUTATIONS and MIRROR_MUTATION_SEED to run more or other mutations.
/// </summary>
[Trait(Categories.Key, Categories.Integration)]
public sealed class MutationTests
{
    private static readonly int Count = int.TryParse(Environment.GetEnvironmentVariable("MIRROR_MUTATIONS"), out var n) ? n : 3000;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("MIRROR_MUTATION_SEED"), out var s) ? s : 20261125;

    [Fact]
    public void Mutated_bundles_and_signatures_never_crash_and_never_publish_unless_the_signature_verifies()
    {
        var originals = new[]
        {
            (Bundle: TarGz.Plugin("com.example.mutant", "1.0.0", minServer: "9.0.0").File("com.example.mutant/README.md", "# Mutant\n\nText.").Build(), Armor: false),
            (Bundle: new TarGz().File("plugin.yaml", "id: com.example.yaml\nname: Yaml\nversion: 2.0.0\n").Build(), Armor: true),
        }.Select(o => (o.Bundle, Signature: SharedKeys.Trusted.Sign(o.Bundle, armor: o.Armor))).ToArray();
        var keyring = new TrustedKeyring([new TrustedKey(SharedKeys.Trusted.PublicRing, "trusted.asc")]);
        var checker = new BundleChecker(keyring, ArchiveLimits.Default);
        using var dir = new TempDir();
        var random = new Random(Seed);
        var publishedWithChangedSignature = new List<(byte[] Bundle, byte[] Signature)>();
        var published = 0;

        for (var i = 0; i < Count; i++)
        {
            var (bundle, signature) = originals[random.Next(originals.Length)];
            var mutateBundle = random.Next(10) < 6;
            if (mutateBundle)
                bundle = Mutate(bundle, random);
            else
                signature = Mutate(signature, random);
            var path = dir[$"m{i % 8}.tar.gz"];
            File.WriteAllBytes(path, bundle);
            File.WriteAllBytes(path + ".sig", signature);

            CheckedBundle result;
            try
            {
                result = checker.Check(CatalogScanner.Candidate(path, $"m{i}.tar.gz"));
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} (seed {Seed}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                throw;
            }

            Assert.DoesNotContain('\n', result.Reason);
            if (!result.IsPublished)
                continue;
            published++;
            Assert.True(BouncyCastleVerifies(bundle, signature), $"mutation {i} (seed {Seed}) published although the signature does not verify");
            if (mutateBundle)
                Assert.Fail($"mutation {i} (seed {Seed}) published a bundle whose bytes changed after signing");
            else
                publishedWithChangedSignature.Add((bundle, signature));
        }

        Assert.True(published > 0, "no mutation kept a valid signature: the test would not notice a checker that refuses everything");
        using var gpg = new Gpg();
        var keyringFile = gpg.KeyringFrom(WriteKey(dir));
        foreach (var (bundle, signature) in publishedWithChangedSignature)
        {
            File.WriteAllBytes(dir["gpgv.tar.gz"], bundle);
            File.WriteAllBytes(dir["gpgv.tar.gz.sig"], signature);
            var status = gpg.Verify(dir["gpgv.tar.gz.sig"], dir["gpgv.tar.gz"], keyringFile);
            Assert.True(status.Any(l => l.StartsWith("VALIDSIG", StringComparison.Ordinal)),
                $"published, but gpgv says {string.Join(", ", status)} of this signature file (base64): {Convert.ToBase64String(signature)}");
        }
    }

    private static string WriteKey(TempDir dir)
    {
        File.WriteAllBytes(dir["trusted.asc"], SharedKeys.Trusted.PublicArmored);
        return dir["trusted.asc"];
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        switch (random.Next(5))
        {
            case 0:
                for (var flips = random.Next(1, 9); flips > 0; flips--)
                    bytes[random.Next(bytes.Count)] ^= (byte)random.Next(1, 256);
                break;
            case 1:
                bytes = bytes.Take(random.Next(bytes.Count)).ToList();
                break;
            case 2:
                bytes.AddRange(Enumerable.Range(0, random.Next(1, 65)).Select(_ => (byte)random.Next(256)));
                break;
            case 3:
                var at = random.Next(bytes.Count);
                bytes.RemoveRange(at, Math.Min(random.Next(1, 33), bytes.Count - at));
                break;
            default:
                var from = random.Next(bytes.Count);
                var chunk = bytes.Skip(from).Take(random.Next(1, 65)).ToList();
                bytes.InsertRange(random.Next(bytes.Count), chunk);
                break;
        }

        return [.. bytes];
    }

    /// <summary>BouncyCastle's own check: any v4 signature in the file by the trusted key that verifies over the bytes.</summary>
    private static bool BouncyCastleVerifies(byte[] bundle, byte[] signatureFile)
    {
        try
        {
            using var decoder = PgpUtilities.GetDecoderStream(new MemoryStream(signatureFile));
            var factory = new PgpObjectFactory(decoder);
            while (factory.NextPgpObject() is { } item)
            {
                if (item is not PgpSignatureList list)
                    continue;
                for (var i = 0; i < list.Count; i++)
                {
                    var signature = list[i];
                    if (signature.KeyId != SharedKeys.Trusted.PublicRing.GetPublicKey().KeyId)
                        continue;
                    signature.InitVerify(SharedKeys.Trusted.PublicRing.GetPublicKey());
                    signature.Update(bundle);
                    if (signature.Verify())
                        return true;
                }
            }
        }
        catch (Exception e) when (e is PgpException or IOException)
        {
        }

        return false;
    }
}
