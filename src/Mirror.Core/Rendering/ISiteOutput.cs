namespace Mirror.Core.Rendering;

/// <summary>
/// Where rendering puts the site's files, by site-relative path with '/' separators. Rendering never touches the disk
/// itself: the publishing stage decides how a file gets there (each folder created once, files written from several
/// threads). Safe to call from several threads.
/// </summary>
public interface ISiteOutput
{
    void Write(string relativePath, byte[] bytes);
}
