using System.Security.Cryptography;

namespace Mirror.Tests.Support;

/// <summary>Every file of a folder with its SHA-256, to compare two builds byte for byte.</summary>
internal static class SiteSnapshot
{
    public static string Of(string folder) => string.Join('\n',
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(folder, f), Hash: Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))))
            .OrderBy(x => x.Path, StringComparer.Ordinal)
            .Select(x => $"{x.Path} {x.Hash}"));
}
