using Microsoft.Win32.SafeHandles;

namespace Mirror.Core.Rendering;

/// <summary>Where a run of bytes lies in a <see cref="ScratchFile"/>.</summary>
internal readonly record struct ScratchSpan(long Offset, long Length)
{
    public long End => Offset + Length;
}

/// <summary>
/// Bytes rendered once and read again many times while a site is written (each API entry is in many answers), kept
/// in a file in the staging folder rather than in memory: the kernel's page cache holds them, not the build, whose
/// memory then stays flat however many plugins and however large their icons. Safe to use from several threads.
/// The file is deleted when disposed (and with the staging folder if the build is killed).
/// </summary>
internal sealed class ScratchFile : IDisposable
{
    private readonly SafeFileHandle handle;
    private long end;

    private ScratchFile(SafeFileHandle handle) => this.handle = handle;

    public static ScratchFile In(string folder) => new(File.OpenHandle(Path.Combine(folder, $".scratch-{Guid.NewGuid():N}"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose));

    public ScratchSpan Append(ReadOnlySpan<byte> bytes)
    {
        var offset = Interlocked.Add(ref end, bytes.Length) - bytes.Length;
        RandomAccess.Write(handle, bytes, offset);
        return new ScratchSpan(offset, bytes.Length);
    }

    /// <summary>Fills <paramref name="into"/> from <paramref name="offset"/>: bytes appended before, whole.</summary>
    public void Read(long offset, Span<byte> into)
    {
        while (into.Length > 0)
        {
            var read = RandomAccess.Read(handle, into, offset);
            if (read == 0)
                throw new IOException("the build's scratch file is shorter than what was written to it");
            into = into[read..];
            offset += read;
        }
    }

    public void Dispose() => handle.Dispose();
}
