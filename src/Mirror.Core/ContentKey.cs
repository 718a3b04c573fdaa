using System.Security.Cryptography;
using System.Text;

namespace Mirror.Core;

/// <summary>
/// A SHA-256 over parts, each prefixed with its length so that no two lists of parts hash the same bytes: what the
/// build cache's keys and the templates' fingerprint are made of.
/// </summary>
internal sealed class ContentKey : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public ContentKey Add(string text) => Add(Encoding.UTF8.GetBytes(text));

    public ContentKey Add(ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
        return this;
    }

    /// <summary>The key, as lowercase hex.</summary>
    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset());

    public void Dispose() => hash.Dispose();
}
