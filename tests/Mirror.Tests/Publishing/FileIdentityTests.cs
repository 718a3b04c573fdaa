using Mirror.Core;
using Mirror.OpenPgp.Files;
using Mirror.Tests.Support;

namespace Mirror.Tests.Publishing;

/// <summary>A file's identity looked up in an open folder is the one its full path gives; a link is not followed, a missing file has none.</summary>
public sealed class FileIdentityTests
{
    [Fact]
    public void Looked_up_in_an_open_folder_it_is_the_identity_of_the_full_path()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["a/b"]);
        File.WriteAllText(dir["a/b/file.txt"], "bytes");
        File.CreateSymbolicLink(dir["a/link"], dir["a/b/file.txt"]);
        using var folder = Statx.OpenFolder(dir.Path);
        Assert.NotNull(folder);

        Assert.Equal(FileIdentity.Of(dir["a/b/file.txt"]), FileIdentity.Of(folder, "a/b/file.txt"));
        Assert.Equal(FileIdentity.Of(dir["a/link"]), FileIdentity.Of(folder, "a/link"));
        Assert.NotEqual(FileIdentity.Of(folder, "a/b/file.txt")!.Value.Inode, FileIdentity.Of(folder, "a/link")!.Value.Inode);
        Assert.Null(FileIdentity.Of(folder, "a/missing"));
        Assert.Null(Statx.OpenFolder(dir["nowhere"]));
    }
}
