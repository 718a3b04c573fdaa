using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Mirror.Core.Serving;

/// <summary>
/// One line per request on stdout (time, method, path and query, status, bytes sent, milliseconds), written by one
/// background writer so that requests never wait on the terminal or the journal.
/// </summary>
internal sealed class RequestLog(TextWriter output)
{
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Wraps the rest of the pipeline: counts the bytes written (after compression) and logs when it ends.</summary>
    public async Task Handle(HttpContext context, Func<Task> next)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        // Only a response the compression middleware may shrink has no Content-Length to log; count just those.
        var counting = MirrorServer.AcceptsGzip(context.Request) ? new CountingWriteStream(context.Response.Body) : null;
        if (counting is not null)
            context.Response.Body = counting;
        try
        {
            await next();
        }
        finally
        {
            var request = context.Request;
            var milliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lines.Writer.TryWrite(string.Create(CultureInfo.InvariantCulture,
                $"{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {request.Method} {request.Path.ToUriComponent()}{request.QueryString} {context.Response.StatusCode} {counting?.Written ?? SentWithoutBody(context)} {milliseconds:0.0}ms"));
        }
    }

    private static long SentWithoutBody(HttpContext context) =>
        HttpMethods.IsHead(context.Request.Method) ? 0 : context.Response.ContentLength ?? 0;

    /// <summary>Writes lines until <see cref="Complete"/>, flushing whenever none is waiting.</summary>
    public async Task WriteAsync()
    {
        while (await lines.Reader.WaitToReadAsync())
        {
            while (lines.Reader.TryRead(out var line))
                await output.WriteLineAsync(line);
            await output.FlushAsync();
        }
    }

    public void Complete() => lines.Writer.TryComplete();

    private sealed class CountingWriteStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
