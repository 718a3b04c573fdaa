using System.Text.Json;
using Mirror.Core.Verification;

namespace Mirror.Core.Rendering.Json;

/// <summary><c>report.json</c>: one record per bundle file, sorted by file, for CI and for the verification page.</summary>
internal static class ReportFile
{
    public const string FileName = "report.json";

    /// <summary>The report's word for a verdict, the only place it is spelled; the verification page and <c>mirror verify</c> show it too.</summary>
    public static string Status(CheckedBundle bundle) => bundle is AcceptedBundle ? "published" : "rejected";

    public static byte[] Render(IReadOnlyList<CheckedBundle> bundles) => JsonOutput.Render(writer => Write(writer, bundles));

    /// <summary>The report as it is made: of 20,000 bundles it is 14 MB, never held whole by a build.</summary>
    public static void Write(Stream file, IReadOnlyList<CheckedBundle> bundles) => JsonOutput.WriteTo(file, writer => Write(writer, bundles));

    private static void Write(Utf8JsonWriter writer, IReadOnlyList<CheckedBundle> bundles)
    {
        writer.WriteStartObject();
        writer.WriteNumber("published", bundles.Count(b => b.IsPublished));
        writer.WriteNumber("rejected", bundles.Count(b => !b.IsPublished));
        writer.WritePropertyName("bundles");
        writer.WriteArray(bundles.OrderBy(b => b.Candidate.RelativePath, StringComparer.Ordinal), WriteBundle);
        writer.WriteEndObject();
    }

    private static void WriteBundle(Utf8JsonWriter writer, CheckedBundle bundle)
    {
        writer.WriteStartObject();
        writer.WriteString("file", bundle.Candidate.RelativePath);
        writer.WriteString("signature_file", bundle.Candidate.SignatureRelativePath ?? "");
        writer.WriteString("status", Status(bundle));
        writer.WriteString("reason", bundle.Reason);
        writer.WriteString("reason_code", bundle.ReasonCode);
        writer.WriteString("id", bundle.Id ?? "");
        writer.WriteString("version", bundle.Version ?? "");
        // The one platform the bundle is built for ("" when it names several or none): a platform bundle beside its version's generic one.
        writer.WriteString("platform", bundle.Info?.Manifest.OnlyPlatform ?? "");
        writer.WriteString("signer", bundle.Signature?.SignerFingerprint ?? "");
        writer.WriteString("signer_user_id", bundle.Signature?.SignerUserId ?? "");
        writer.WriteString("signing_key", bundle.Signature?.SigningKeyFingerprint ?? "");
        writer.WriteString("signed_at", bundle.Signature is { } s ? JsonOutput.Rfc3339(s.SignedAt) : "");
        writer.WriteString("hash_algorithm", bundle.Signature?.HashAlgorithm ?? "");
        writer.WriteString("sha256", bundle.Sha256);
        writer.WriteNumber("size", bundle.Size);
        writer.WriteString("duplicate_of", bundle is AcceptedBundle { DuplicateOf: { } original } ? original : "");
        writer.WritePropertyName("warnings");
        writer.WriteArray(bundle.Warnings, (w, warning) => w.WriteStringValue(warning));
        writer.WriteEndObject();
    }
}
