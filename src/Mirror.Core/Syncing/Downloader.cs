using System.Net;
using System.Net.Http.Headers;
using Mirror.Core.Scanning;

namespace Mirror.Core.Syncing;

/// <summary>
/// HTTP for <c>mirror sync</c>: redirects followed by the rules of <see cref="Redirects"/> (GitHub release assets answer
/// 302), retries with backoff on network errors and 5xx, downloads resumed with a Range request from what a previous
/// attempt or run left, and one clear line naming the URL or host actually asked when it fails for good. A small
/// loop rather than a resilience library: each retry must resume from the partial file, which is the part such
/// libraries leave to the caller anyway.
/// </summary>
internal sealed class Downloader : IDisposable
{
    /// <summary>What a Mattermost server sends (marketplace.md §1).</summary>
    public const string UserAgent = "Mattermost-Bot/1.1";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    private readonly HttpClient http;
    private readonly IWebProxy proxy;
    private readonly int retries;

    public Downloader(IWebProxy proxy, int retries)
    {
        this.proxy = proxy;
        this.retries = retries;
        var handler = new SocketsHttpHandler
        {
            Proxy = proxy,
            UseProxy = true,
            // Followed here instead, so that only http(s) is asked and errors name the URL a redirect led to.
            AllowAutoRedirect = false,
            // Bundles are compared byte for byte with their signature: no transparent decompression.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>How long a request may wait for its answer or its next bytes before the attempt counts as failed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Called as a download advances: the file, the bytes so far, the total when known.</summary>
    public Action<string, long, long?>? Progress { get; init; }

    /// <summary>Bundle bytes received over the network (listings aside; a resumed part is not counted twice).</summary>
    public long BytesReceived { get; private set; }

    /// <exception cref="DownloadFailedException">After the retries, or at once for DNS, TLS, proxy, redirect and 4xx errors.</exception>
    public byte[] GetBytes(Uri uri, long maxBytes) => Retrying(uri, async reached =>
    {
        using var buffer = new MemoryStream();
        await Receive(reached, 0, buffer, maxBytes, uri.AbsoluteUri, isBundle: false);
        return buffer.ToArray();
    });

    /// <summary>Downloads <paramref name="uri"/> into <paramref name="partPath"/>, resuming from what is already there.</summary>
    /// <exception cref="DownloadFailedException">After the retries; the partial file is kept for the next run.</exception>
    public void Fetch(Uri uri, string partPath, long maxBytes, string shownAs) => Retrying(uri, async reached =>
    {
        var have = File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
        await using var file = new FileStream(partPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);
        try
        {
            await Receive(reached, have, file, maxBytes, shownAs, isBundle: true);
        }
        catch (RangeRefusedException) when (have > 0)
        {
            // The partial file is longer than the file is now (or complete): start over.
            reached.Uri = uri;
            await Receive(reached, 0, file, maxBytes, shownAs, isBundle: true);
        }

        return true;
    });

    /// <summary>Writes the answer into <paramref name="output"/> from <paramref name="from"/> if the server honours the range, else from 0.</summary>
    private async Task Receive(Reached reached, long from, Stream output, long maxBytes, string shownAs, bool isBundle)
    {
        using var idle = new CancellationTokenSource(IdleTimeout);
        try
        {
            using var response = await Send(reached, from, idle.Token);
            await Write(response, reached.Uri, from, output, maxBytes, shownAs, isBundle, idle);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested)
        {
            throw new TransientFailure($"{ShownUrl.Of(reached.Uri)}: no data for {IdleTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Asks <paramref name="reached"/>, following redirects; it ends as the URL that answered.</summary>
    private async Task<HttpResponseMessage> Send(Reached reached, long from, CancellationToken idle)
    {
        for (var followed = 0; ; followed++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, reached.Uri);
            if (from > 0)
                request.Headers.Range = new RangeHeaderValue(from, null);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle);
            if (!Redirects.IsRedirect(response.StatusCode))
                return response;
            using (response)
                reached.Uri = Redirects.Next(reached.Uri, response.Headers.Location, followed);
        }
    }

    private async Task Write(HttpResponseMessage response, Uri uri, long from, Stream output, long maxBytes, string shownAs, bool isBundle, CancellationTokenSource idle)
    {
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && from > 0)
            throw new RangeRefusedException();
        var answered = $"{ShownUrl.Of(uri)} answered HTTP {(int)response.StatusCode} {DisplayName.Escape(response.ReasonPhrase ?? "")}";
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            throw new TransientFailure(answered);
        if (!response.IsSuccessStatusCode)
            throw new DownloadFailedException(answered);

        var resumed = from > 0 && response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == from;
        var start = resumed ? from : 0;
        output.Position = start;
        output.SetLength(start);
        var total = response.Content.Headers.ContentLength + start;
        if (total > maxBytes)
            throw new DownloadFailedException($"{ShownUrl.Of(uri)} is {total:N0} bytes, more than the {maxBytes:N0} allowed");

        await using var body = await response.Content.ReadAsStreamAsync(idle.Token);
        var chunk = new byte[1 << 16];
        var received = start;
        while (true)
        {
            idle.CancelAfter(IdleTimeout);
            var read = await body.ReadAsync(chunk, idle.Token);
            if (read == 0)
                break;
            received += read;
            if (isBundle)
                BytesReceived += read;
            if (received > maxBytes)
                throw new DownloadFailedException($"{ShownUrl.Of(uri)} sends more than the {maxBytes:N0} bytes allowed");
            await output.WriteAsync(chunk.AsMemory(0, read), idle.Token);
            Progress?.Invoke(shownAs, received, total);
        }

        if (total is { } expected && received < expected)
            throw new TransientFailure($"{uri.Host} closed the connection after {received:N0} of {expected:N0} bytes");
    }

    private T Retrying<T>(Uri uri, Func<Reached, Task<T>> attempt)
    {
        for (var tried = 0; ; tried++)
        {
            var reached = new Reached(uri);
            try
            {
                return attempt(reached).GetAwaiter().GetResult();
            }
            catch (DownloadFailedException)
            {
                throw;
            }
            catch (Exception e) when (NetworkErrors.IsTransient(e))
            {
                if (tried >= retries)
                    throw new DownloadFailedException(NetworkErrors.Describe(e, reached.Uri, ProxyChoice.ProxyFor(proxy, reached.Uri)) + $" (after {tried + 1} attempt(s))");
            }
            catch (Exception e) when (NetworkErrors.IsNetwork(e))
            {
                throw new DownloadFailedException(NetworkErrors.Describe(e, reached.Uri, ProxyChoice.ProxyFor(proxy, reached.Uri)));
            }

            Thread.Sleep(FirstBackoff * (1 << tried));
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>The URL an attempt has got to, redirects followed: the one its errors name.</summary>
    private sealed class Reached(Uri uri)
    {
        public Uri Uri { get; set; } = uri;
    }
}

/// <summary>A failure worth another attempt: a 5xx, a cut connection, a silent server. Its message names the URL or host.</summary>
internal sealed class TransientFailure(string message) : Exception(message);

/// <summary>416: the server cannot resume from where the partial file ends.</summary>
internal sealed class RangeRefusedException() : Exception("range not satisfiable");
