namespace Mirror.Core.KeyManagement;

internal enum KeyChangeKind
{
    Added,
    AlreadyTrusted,
    Removed,
}

/// <summary>What <c>keys add</c> or <c>keys remove</c> did to one key; <paramref name="File"/> is relative to the catalog.</summary>
internal sealed record KeyChange(KeyChangeKind Kind, string Fingerprint, string UserId, string File, IReadOnlyList<string> Warnings);
