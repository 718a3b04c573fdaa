using Mirror.Core.Bundles;
using Mirror.Core.Bundles.Archive;
using Mirror.Core.Scanning;
using Mirror.OpenPgp.Files;

namespace Mirror.Core.Syncing;

/// <summary>Where the bytes of a wanted bundle come from: its download URL, or a folder of release assets.</summary>
internal interface IBundleSource
{
    /// <summary>Puts the bundle's bytes into <paramref name="partPath"/> (which may hold the start of them already).</summary>
    /// <exception cref="DownloadFailedException">It cannot be had; the reason is one line.</exception>
    void Obtain(WantedBundle bundle, string partPath, long maxBytes);
}

/// <summary>Downloads, resuming a partial file.</summary>
internal sealed class DownloadSource(Downloader downloader) : IBundleSource
{
    public void Obtain(WantedBundle bundle, string partPath, long maxBytes) =>
        downloader.Fetch(new Uri(bundle.Source), partPath, maxBytes, bundle.FileName);
}

/// <summary>
/// <c>mirror import --bundles DIR</c>: the release assets downloaded beforehand, matched by the download URL's file
/// name. The admin's folder, so a link there is followed, but what is copied must be a regular file (a pipe would
/// hang the import, <c>/dev/zero</c> fill the disk), read without blocking and no more than a download may bring.
/// </summary>
internal sealed class FolderSource(string folder) : IBundleSource
{
    public void Obtain(WantedBundle bundle, string partPath, long maxBytes)
    {
        var name = AssetName(bundle.Source);
        var path = Path.Combine(folder, name);
        if (name.Length == 0 || !Path.Exists(path))
            throw new DownloadFailedException($"{DisplayName.Escape(name)} (from {ShownUrl.Of(bundle.Source)}) is not in {DisplayName.Escape(folder)}");
        using var asset = Open(path);
        using var part = new FileStream(partPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            new CountingStream(asset, maxBytes, cap => $"holds more than {cap:N0} bytes, more than a bundle may be").CopyTo(part, 1 << 16);
        }
        catch (BundleRefusedException e)
        {
            part.Dispose();
            File.Delete(partPath);
            throw new DownloadFailedException($"{DisplayName.Escape(path)} {e.Message}");
        }
    }

    private static FileStream Open(string path)
    {
        try
        {
            return RegularFile.OpenRead(path, followLink: true, bufferSize: 0);
        }
        catch (FileRefusedException e)
        {
            throw new DownloadFailedException($"{DisplayName.Escape(path)} {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DownloadFailedException($"{DisplayName.Escape(path)} cannot be read ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The last segment of the URL's path, unescaped: <c>…/download/v1.2.0/x-1.2.0.tar.gz</c> → <c>x-1.2.0.tar.gz</c>.</summary>
    public static string AssetName(string url)
    {
        var name = Uri.UnescapeDataString(new Uri(url).AbsolutePath.Split('/')[^1]);
        return name is "." or ".." || name.IndexOfAny(['/', '\\', '\0']) >= 0 ? "" : name;
    }
}
