using System.Buffers;

namespace Mirror.Core.Publishing;

/// <summary>
/// A bundle's copy into the staging site, fed by the single read that checks it. The reads come in the gunzip's
/// 8 KB pieces; the copy gathers them into 1 MB writes (8 KB writes cost 56,631 <c>pwrite</c> calls for 461 MB) into
/// a file whose space is reserved up front. Every failure is a <see cref="SiteWriteException"/> raised by
/// <see cref="Write"/> or <see cref="Complete"/>, where it is told apart from a bad bundle, never by Dispose.
/// </summary>
public sealed class StagedCopy : IDisposable
{
    private const string What = "copying a bundle into it";
    private const int BlockSize = 1 << 20;

    private readonly FileStream file;
    private readonly byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int filled;

    private StagedCopy(FileStream file) => this.file = file;

    public static StagedCopy Create(string path, long size) => SiteWriteException.Guard(What, () => new StagedCopy(new FileStream(path,
        new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0, PreallocationSize = size })));

    public void Write(ReadOnlySpan<byte> chunk)
    {
        while (chunk.Length > 0)
        {
            var take = Math.Min(chunk.Length, BlockSize - filled);
            chunk[..take].CopyTo(block.AsSpan(filled));
            filled += take;
            chunk = chunk[take..];
            if (filled == BlockSize)
                WriteBlock();
        }
    }

    /// <summary>Writes what is still gathered; the copy is whole once this returns.</summary>
    public void Complete() => WriteBlock();

    public void Dispose()
    {
        file.Dispose();
        ArrayPool<byte>.Shared.Return(block);
    }

    private void WriteBlock()
    {
        try
        {
            file.Write(block, 0, filled);
            filled = 0;
        }
        catch (Exception e) when (SiteWriteException.IsWriteFailure(e))
        {
            throw new SiteWriteException(What, e);
        }
    }
}
