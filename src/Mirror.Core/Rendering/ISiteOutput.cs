namespace Mirror.Core.Rendering;

/// <summary>
/// Where rendering puts the site's files, by site-relative path with '/' separators. Rendering never touches the disk
/// itself: the publishing stage decides how a file gets there (each folder created once, files written from several
/// threads). Safe to call from several threads. A file of a site-wide listing can be tens of megabytes (20,000
/// plugins): such files are written as they are made, never held whole.
/// </summary>
internal interface ISiteOutput
{
    /// <param name="inputsKey">
    /// What the file was made from, when the caller can name it (see <see cref="TryKeep"/>); "" when it cannot.
    /// </param>
    void Write(string relativePath, byte[] bytes, string inputsKey = "");

    /// <summary>
    /// A file whose SHA-256 the caller computed without holding its bytes: <paramref name="write"/> writes them, and is
    /// not called when the previous site already holds them.
    /// </summary>
    void WriteHashed(string relativePath, string sha256, Action<Stream> write);

    /// <summary>A file written as <paramref name="write"/> makes it, hashed as it passes.</summary>
    /// <param name="inputsKey">As for <see cref="Write"/>.</param>
    void WriteStreamed(string relativePath, Action<Stream> write, string inputsKey = "");

    /// <summary>
    /// Keeps the file the previous build put at <paramref name="relativePath"/> when it was made from the same inputs
    /// and is still as that build left it, so that it need not be rendered again; false: render it and
    /// <see cref="Write"/> it with the same key.
    /// </summary>
    bool TryKeep(string relativePath, string inputsKey);
}
