using System.Buffers;
using System.Collections.Concurrent;
using Mirror.Core.Scanning;

namespace Mirror.Core.Publishing;

/// <summary>
/// The bundles' bytes as the single read copies them into the staging site, each kept until it is moved to its place
/// in the site. A failed write (disk full) becomes a <see cref="SiteWriteException"/>, never a bad bundle. The reads
/// come in the gunzip's 8 KB pieces; the copies gather them into 1 MB writes (8 KB writes cost 56,631 <c>pwrite</c>
/// calls for 461 MB).
/// </summary>
public sealed class StagedBundles
{
    private const string Copying = "copying a bundle into it";

    private readonly ConcurrentDictionary<string, string> paths = new(StringComparer.Ordinal);
    private readonly string folder;
    private int count;

    private StagedBundles(string folder) => this.folder = folder;

    /// <summary>Copies go to a folder of the staging site, so that moving one into place is a rename.</summary>
    public static StagedBundles In(string stagingDir) =>
        new(Directory.CreateDirectory(Path.Combine(stagingDir, ".incoming")).FullName);

    /// <exception cref="SiteWriteException">The copy cannot be created.</exception>
    public Stream Open(BundleCandidate candidate)
    {
        var path = Path.Combine(folder, $"{Interlocked.Increment(ref count)}.tar.gz");
        paths[candidate.FullPath] = path;
        // Unbuffered underneath and flushed by the checker, so that a failed write shows in Write or Flush, where it is
        // told apart from a bad bundle, and never later in Dispose.
        return new WriteFailureStream(SiteWriteException.Guard(Copying,
            () => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0)));
    }

    /// <summary>Where the copy of <paramref name="candidate"/> is; null for a bundle that was not read (the check cache knew it).</summary>
    public string? PathOf(BundleCandidate candidate) => paths.GetValueOrDefault(candidate.FullPath);

    /// <summary>The copies not moved into the site (refused bundles, duplicates) go before the site is swapped in.</summary>
    public void DeleteLeftovers() => Directory.Delete(folder, recursive: true);

    /// <summary>A write-only stream, in 1 MB blocks, that reports its failures as the site's, not the bundle's.</summary>
    private sealed class WriteFailureStream(FileStream inner) : Stream
    {
        private const int BlockSize = 1 << 20;

        private readonly byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        private int filled;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                var take = Math.Min(buffer.Length, BlockSize - filled);
                buffer[..take].CopyTo(block.AsSpan(filled));
                filled += take;
                buffer = buffer[take..];
                if (filled == BlockSize)
                    Flush();
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
            try
            {
                inner.Write(block, 0, filled);
                filled = 0;
            }
            catch (Exception e) when (SiteWriteException.IsWriteFailure(e))
            {
                throw new SiteWriteException(Copying, e);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                ArrayPool<byte>.Shared.Return(block);
            }

            base.Dispose(disposing);
        }
    }
}
