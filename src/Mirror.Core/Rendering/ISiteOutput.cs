namespace Mirror.Core.Rendering;

/// <summary>
/// Where rendering puts the site's files, by site-relative path with '/' separators. Rendering never touches the disk
/// itself: the publishing stage decides how a file gets there (each folder created once, files written from several
/// threads). Safe to call from several threads.
/// </summary>
internal interface ISiteOutput
{
    /// <param name="inputsKey">
    /// What the file was made from, when the caller can name it (see <see cref="TryKeep"/>); "" when it cannot.
    /// </param>
    void Write(string relativePath, byte[] bytes, string inputsKey = "");

    /// <summary>
    /// Keeps the file the previous build put at <paramref name="relativePath"/> when it was made from the same inputs
    /// and is still as that build left it, so that it need not be rendered again; false: render it and
    /// <see cref="Write"/> it with the same key.
    /// </summary>
    bool TryKeep(string relativePath, string inputsKey);
}
