namespace Mirror.Core.Syncing;

/// <summary>Where the bytes of a wanted bundle come from: its download URL, or a folder of release assets.</summary>
public interface IBundleSource
{
    /// <summary>Puts the bundle's bytes into <paramref name="partPath"/> (which may hold the start of them already).</summary>
    /// <exception cref="DownloadFailedException">It cannot be had; the reason is one line.</exception>
    void Obtain(WantedBundle bundle, string partPath, long maxBytes);
}

/// <summary>Downloads, resuming a partial file.</summary>
public sealed class DownloadSource(Downloader downloader) : IBundleSource
{
    public void Obtain(WantedBundle bundle, string partPath, long maxBytes) =>
        downloader.Fetch(new Uri(bundle.Source), partPath, maxBytes, bundle.FileName);
}

/// <summary><c>mirror import --bundles DIR</c>: the release assets downloaded beforehand, matched by the download URL's file name.</summary>
public sealed class FolderSource(string folder) : IBundleSource
{
    public void Obtain(WantedBundle bundle, string partPath, long maxBytes)
    {
        var name = AssetName(bundle.Source);
        var path = Path.Combine(folder, name);
        if (name.Length == 0 || !File.Exists(path))
            throw new DownloadFailedException($"{name} (from {bundle.Source}) is not in {folder}");
        if (new FileInfo(path).Length > maxBytes)
            throw new DownloadFailedException($"{path} is larger than a bundle may be");
        File.Copy(path, partPath, overwrite: true);
    }

    /// <summary>The last segment of the URL's path, unescaped: <c>…/download/v1.2.0/x-1.2.0.tar.gz</c> → <c>x-1.2.0.tar.gz</c>.</summary>
    public static string AssetName(string url)
    {
        var name = Uri.UnescapeDataString(new Uri(url).AbsolutePath.Split('/')[^1]);
        return name is "." or ".." || name.IndexOfAny(['/', '\\', '\0']) >= 0 ? "" : name;
    }
}
