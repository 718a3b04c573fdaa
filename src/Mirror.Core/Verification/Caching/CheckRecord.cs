using System.Text.Json;
using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Manifests;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Verification;

namespace Mirror.Core.Verification.Caching;

/// <summary>
/// One bundle in the check cache: the cheap key (the identities of the bundle and signature files when they were
/// read), the truth (the bundle's SHA-256, the signature's bytes) and what the read found.
/// </summary>
/// <param name="SignatureFile">The signature's path relative to the catalog, or null for an unsigned bundle.</param>
/// <param name="Signature">The signature file's identity (null when unsigned); its bytes are the reading's.</param>
/// <param name="SeenAtNs">When the identities were taken, to tell a file changed within the same clock tick (racy, as git says).</param>
internal sealed record CheckRecord(
    string RelativePath,
    string? SignatureFile,
    FileIdentity Bundle,
    FileIdentity? Signature,
    long SeenAtNs,
    BundleReading Reading)
{
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(RelativePath);
        writer.WriteNullable(SignatureFile);
        writer.Write(Bundle);
        writer.Write(Signature is not null);
        if (Signature is { } signature)
            writer.Write(signature);
        writer.WriteBytes(Reading.SignatureBytes);
        writer.Write(SeenAtNs);
        writer.Write(Reading.Size);
        writer.Write(Reading.Sha256);
        WriteInfo(writer, Reading.Info);
        writer.WriteNullable(Reading.ContentRefusal?.Code);
        writer.WriteNullable(Reading.ContentRefusal?.Message);
        WriteSignature(writer, Reading.Signature);
    }

    public static CheckRecord ReadFrom(BinaryReader reader)
    {
        var relativePath = reader.ReadString();
        var signatureFile = reader.ReadNullableString();
        var bundle = reader.ReadIdentity();
        FileIdentity? signatureIdentity = reader.ReadBoolean() ? reader.ReadIdentity() : null;
        var signatureBytes = reader.ReadBytes();
        var seenAt = reader.ReadInt64();
        var size = reader.ReadInt64();
        var sha256 = reader.ReadString();
        var info = ReadInfo(reader);
        var refusalCode = reader.ReadNullableString();
        var refusalMessage = reader.ReadNullableString();
        var signature = ReadSignature(reader);
        var placeholder = new BundleCandidate(relativePath, relativePath, signatureFile);
        var reading = new BundleReading(placeholder, size, signatureBytes)
        {
            Sha256 = sha256,
            Info = info,
            ContentRefusal = refusalCode is null ? null : new BundleRefusedException(refusalCode, refusalMessage ?? ""),
            Signature = signature,
        };
        // The cache's checksum catches damage, not a record written wrong: one no read could make would stop every build.
        if (!reading.IsConclusive)
            throw new InvalidDataException($"{relativePath}: a cached reading with no verdict");
        return new CheckRecord(relativePath, signatureFile, bundle, signatureIdentity, seenAt, reading);
    }

    /// <summary>
    /// What the inspection found, as it found it: a cached bundle is not inspected again (that was four fifths of a
    /// rebuild's time spent on bundles). The tool's version is part of the cache's key, so the rules applied are the same.
    /// </summary>
    private static void WriteInfo(BinaryWriter writer, BundleInfo? info)
    {
        writer.Write(info is not null);
        if (info is null)
            return;
        var manifest = info.Manifest;
        foreach (var text in new[] { manifest.Id, manifest.Name, manifest.Description, manifest.VersionText, manifest.MinServerVersionText,
                     manifest.HomepageUrl, manifest.SupportUrl, manifest.ReleaseNotesUrl, manifest.IconPath, manifest.SourceFile })
            writer.Write(text);
        writer.WriteStrings(manifest.Platforms.ToList());
        writer.WriteBytes(manifest.RawJson);
        writer.Write(info.IconData);
        writer.WriteNullable(info.Readme);
        writer.WriteStrings(info.Warnings.ToList());
    }

    private static BundleInfo? ReadInfo(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
            return null;
        var (id, name, description, version, minimum) = (reader.ReadString(), reader.ReadString(), reader.ReadShared(), reader.ReadShared(), reader.ReadShared());
        var (homepage, support, releaseNotes, iconPath, sourceFile) = (reader.ReadShared(), reader.ReadShared(), reader.ReadShared(), reader.ReadShared(), reader.ReadShared());
        var platforms = reader.ReadSharedStrings();
        var rawJson = reader.ReadBytes();
        // The cache's checksum catches damage, not a record written wrong: a manifest that is not UTF-8 JSON would fail
        // the build when a page parses it, so it makes the whole cache unusable here, and the build cold.
        if (!System.Text.Unicode.Utf8.IsValid(rawJson))
            throw new InvalidDataException("a cached manifest is not UTF-8");
        var json = new Utf8JsonReader(rawJson);
        while (json.Read())
        {
        }

        var manifest = new PluginManifest(id, name, description, SharedVersions.Parse(version), minimum.Length == 0 ? null : SharedVersions.Parse(minimum),
            homepage, support, releaseNotes, iconPath, platforms, rawJson, sourceFile);
        return new BundleInfo(manifest, reader.ReadShared(), reader.ReadNullableString(), reader.ReadStrings());
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
            details = new SignatureDetails(reader.ReadShared(), reader.ReadShared(), reader.ReadShared(), reader.ReadShared(), reader.ReadInt32(), reader.ReadShared(),
                new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero), reader.ReadBoolean());
        }

        var code = reader.ReadNullableString();
        var message = reader.ReadNullableString();
        return new VerificationResult(details, code is null ? null : new SignatureRefusal(code, message ?? ""), reader.ReadStrings());
    }
}
