using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification.Caching;

/// <summary>
/// One bundle in the check cache: the cheap key (the identities of the bundle and signature files when they were
/// read), the truth (the content hashes) and what the read found.
/// </summary>
/// <param name="SignatureFile">The signature's path relative to the catalog, or null for an unsigned bundle.</param>
/// <param name="SignatureSha256">The SHA-256 of the signature file's bytes ("" when unsigned).</param>
/// <param name="SeenAtNs">When the identities were taken, to tell a file changed within the same clock tick (racy, as git says).</param>
internal sealed record CheckRecord(
    string RelativePath,
    string? SignatureFile,
    FileIdentity Bundle,
    string SignatureSha256,
    long SeenAtNs,
    BundleReading Reading)
{
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(RelativePath);
        writer.WriteNullable(SignatureFile);
        writer.Write(Bundle);
        writer.Write(SignatureSha256);
        writer.Write(SeenAtNs);
        writer.Write(Reading.Size);
        writer.Write(Reading.Sha256);
        WriteContents(writer, Reading.Contents);
        writer.WriteNullable(Reading.ContentRefusal?.Code);
        writer.WriteNullable(Reading.ContentRefusal?.Message);
        WriteSignature(writer, Reading.Signature);
    }

    public static CheckRecord ReadFrom(BinaryReader reader)
    {
        var relativePath = reader.ReadString();
        var signatureFile = reader.ReadNullableString();
        var bundle = reader.ReadIdentity();
        var signatureSha256 = reader.ReadString();
        var seenAt = reader.ReadInt64();
        var size = reader.ReadInt64();
        var sha256 = reader.ReadString();
        var contents = ReadContents(reader);
        var refusalCode = reader.ReadNullableString();
        var refusalMessage = reader.ReadNullableString();
        var signature = ReadSignature(reader);
        var placeholder = new BundleCandidate(relativePath, relativePath, signatureFile);
        var reading = new BundleReading(placeholder, size, [])
        {
            Sha256 = sha256,
            Contents = contents,
            ContentRefusal = refusalCode is null ? null : new BundleRefusedException(refusalCode, refusalMessage ?? ""),
            Signature = signature,
        };
        return new CheckRecord(relativePath, signatureFile, bundle, signatureSha256, seenAt, reading);
    }

    private static void WriteContents(BinaryWriter writer, ArchiveContents? contents)
    {
        writer.Write(contents is not null);
        if (contents is null)
            return;
        writer.Write(contents.PluginRoot);
        // The whole file list: inspecting the kept files again needs it (the manifest's candidates, and every file the
        // manifest names must be in the bundle).
        writer.WriteStrings(contents.Files.Order(StringComparer.Ordinal).ToList());
        writer.Write(contents.Kept.Count);
        foreach (var (path, bytes) in contents.Kept.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            writer.Write(path);
            writer.WriteBytes(bytes);
        }

        writer.WriteStrings(contents.TooLargeToKeep.Order(StringComparer.Ordinal).ToList());
        writer.Write(contents.UnpackedBytes);
    }

    private static ArchiveContents? ReadContents(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
            return null;
        var root = reader.ReadString();
        var files = reader.ReadStrings().ToHashSet(StringComparer.Ordinal);
        var kept = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
            kept[reader.ReadString()] = reader.ReadBytes();
        var tooLarge = reader.ReadStrings().ToHashSet(StringComparer.Ordinal);
        return new ArchiveContents(root, files, kept, tooLarge, reader.ReadInt64());
    }

    private static void WriteSignature(BinaryWriter writer, VerificationResult? result)
    {
        writer.Write(result is not null);
        if (result is null)
            return;
        writer.Write(result.Details is not null);
        if (result.Details is { } d)
        {
            writer.Write(d.SignerFingerprint);
            writer.Write(d.SigningKeyFingerprint);
            writer.Write(d.SignerUserId);
            writer.Write(d.KeyAlgorithm);
            writer.Write(d.KeyBits);
            writer.Write(d.HashAlgorithm);
            writer.Write(d.SignedAt.UtcTicks);
            writer.Write(d.Armored);
        }

        writer.WriteNullable(result.Refusal?.Code);
        writer.WriteNullable(result.Refusal?.Message);
        writer.WriteStrings(result.Warnings.ToList());
    }

    private static VerificationResult? ReadSignature(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
            return null;
        SignatureDetails? details = null;
        if (reader.ReadBoolean())
        {
            details = new SignatureDetails(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(),
                reader.ReadInt32(), reader.ReadString(), new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero), reader.ReadBoolean());
        }

        var code = reader.ReadNullableString();
        var message = reader.ReadNullableString();
        return new VerificationResult(details, code is null ? null : new SignatureRefusal(code, message ?? ""), reader.ReadStrings());
    }
}
