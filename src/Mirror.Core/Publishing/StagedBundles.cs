using System.Collections.Concurrent;
using Mirror.Core.Scanning;

namespace Mirror.Core.Publishing;

/// <summary>
/// The bundles' bytes as the single read copies them into the staging site, each kept until it is moved to its place
/// in the site. A failed write (disk full) becomes a <see cref="SiteWriteException"/>, never a bad bundle.
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
        // Unbuffered, so that a failed write shows in Write, where it is told apart from a bad bundle, and never later in Dispose.
        return new WriteFailureStream(SiteWriteException.Guard(Copying,
            () => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0)));
    }

    /// <summary>Where the copy of <paramref name="candidate"/> is.</summary>
    public string PathOf(BundleCandidate candidate) => paths[candidate.FullPath];

    /// <summary>The copies not moved into the site (refused bundles, duplicates) go before the site is swapped in.</summary>
    public void DeleteLeftovers() => Directory.Delete(folder, recursive: true);

    /// <summary>A write-only stream that reports its failures as the site's, not the bundle's.</summary>
    private sealed class WriteFailureStream(FileStream inner) : Stream
    {
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
            try
            {
                inner.Write(buffer);
            }
            catch (Exception e) when (SiteWriteException.IsWriteFailure(e))
            {
                throw new SiteWriteException(Copying, e);
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
