namespace Mirror.Core;

/// <summary>
/// A path with every symbolic link resolved, as the kernel would walk it ("realpath"): two names for one folder
/// (<c>catlink/site</c> and <c>cat/site</c>) compare equal. The part of the path that does not exist yet is kept as
/// written. Needed wherever a build decides that two places are apart (catalog, output, report).
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    /// <exception cref="MirrorException">A loop of links, or more than 40 of them.</exception>
    public static string Of(string path)
    {
        var absolute = Path.Combine(Directory.GetCurrentDirectory(), path);
        var current = Path.GetPathRoot(absolute)!;
        var pending = new Stack<string>(Segments(absolute[current.Length..]).AsEnumerable().Reverse());
        var links = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment == ".")
                continue;
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, segment);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
                throw new MirrorException($"\"{path}\": more than {MaxLinks} symbolic links (a loop?)");
            if (Path.IsPathRooted(target))
                current = Path.GetPathRoot(target)!;
            foreach (var part in Segments(Path.IsPathRooted(target) ? target[Path.GetPathRoot(target)!.Length..] : target).AsEnumerable().Reverse())
                pending.Push(part);
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or below it (both real paths).</summary>
    public static bool IsSameOrInside(string path, string folder) =>
        path == folder || path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string[] Segments(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
