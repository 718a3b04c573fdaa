namespace Mirror.OpenPgp.Files;

/// <summary>
/// A path that is not read because of what it is (a pipe, a device, a folder, a link where links are not followed)
/// or because it holds more than its cap. An <see cref="IOException"/>, so "cannot be read" handlers see it too.
/// </summary>
public sealed class FileRefusedException(string reason, bool tooLarge = false) : IOException(reason)
{
    /// <summary>The file is a regular one but holds more than it may; the reason says how much.</summary>
    public bool TooLarge { get; } = tooLarge;
}
