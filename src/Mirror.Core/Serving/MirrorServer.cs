using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mirror.Core.Model.Queries;
using Semver;

namespace Mirror.Core.Serving;

/// <summary>
/// <c>mirror serve</c>: Kestrel over one built site. <c>…/api/v1/plugins</c> (and under each pinned <c>mm/VERSION/</c>)
/// is answered from memory with the full query semantics; every other path is a file of the same build; <c>/healthz</c>
/// says it is up. Stops gracefully on Ctrl-C or SIGTERM (the host's console lifetime), letting running requests end.
/// </summary>
internal static class MirrorServer
{
    public const string HealthPath = "/healthz";
    private const string ApiPath = "api/v1/plugins";
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(250);

    /// <exception cref="MirrorException">The site cannot be served (exit 2) or the address cannot be listened on (exit 1).</exception>
    public static async Task<int> RunAsync(ServeOptions options, TextWriter stdout, TextWriter stderr)
    {
        var first = ServedSite.Load(options.SiteDir);
        using var follower = new SiteFollower(options.SiteDir, first, line => stderr.WriteLine(line));
        var log = new RequestLog(stdout);
        await using var app = Build(options, follower, log);
        try
        {
            await app.StartAsync();
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // Kestrel wraps only a port in use (AddressInUseException); an address not on this machine or a privileged
            // port comes as the bare SocketException.
            throw new MirrorException($"cannot listen on {options.Listening}: {e.InnerException?.Message ?? e.Message}", ExitCodes.Failure);
        }

        Announce(options, first, stderr);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(app.Lifetime.ApplicationStopping);
        var following = follower.FollowAsync(FollowInterval, stopping.Token);
        var writing = log.WriteAsync();
        await app.WaitForShutdownAsync();
        await following;
        log.Complete();
        await writing;
        stderr.WriteLine("mirror: stopped");
        return ExitCodes.Success;
    }

    private static WebApplication Build(ServeOptions options, SiteFollower follower, RequestLog log)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Address, options.Port);
        });
        builder.Services.AddResponseCompression(compression =>
        {
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ["application/json", "text/html", "text/css", "text/javascript", "text/plain", "image/svg+xml"];
        });
        builder.Services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Optimal);
        var app = builder.Build();
        app.Use(log.Handle);
        app.UseResponseCompression();
        app.Run(context => Handle(context, follower));
        return app;
    }

    private static Task Handle(HttpContext context, SiteFollower follower)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            return Text(context, StatusCodes.Status405MethodNotAllowed, "only GET and HEAD are served");
        }

        var path = request.Path.Value ?? "/";
        if (path == HealthPath)
            return Text(context, StatusCodes.Status200OK, "ok");
        var site = follower.Current;
        if (!path.StartsWith(site.BasePath + "/", StringComparison.Ordinal))
            return Text(context, StatusCodes.Status404NotFound, "not found");
        var relative = path[(site.BasePath.Length + 1)..];
        if (relative == ApiPath)
            return Api(context, site, null);
        if (PinnedTarget(site, relative) is { } pinned)
            return Api(context, site, pinned);
        return ServeFile(context, follower, site, relative);
    }

    /// <summary>The target of <c>mm/VERSION/api/v1/plugins</c>, when the build has that pinned listing.</summary>
    private static (string Name, SemVersion Version)? PinnedTarget(ServedSite site, string relative)
    {
        const string prefix = "mm/";
        if (!relative.StartsWith(prefix, StringComparison.Ordinal) || !relative.EndsWith("/" + ApiPath, StringComparison.Ordinal))
            return null;
        var name = relative[prefix.Length..^(ApiPath.Length + 1)];
        return site.Targets.TryGetValue(name, out var version) ? (name, version) : null;
    }

    private static Task Api(HttpContext context, ServedSite site, (string Name, SemVersion Version)? pinned)
    {
        QueryParameters query;
        try
        {
            query = QueryStringParser.Parse(context.Request.QueryString.Value ?? "");
        }
        catch (QueryException e)
        {
            return Text(context, StatusCodes.Status400BadRequest, e.Message);
        }

        var key = $"{pinned?.Name}?{context.Request.QueryString}";
        var answer = site.Answer(key, s => ApiAnswer.Render(s.Entries, query, pinned?.Version));
        var response = context.Response;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache";
        response.Headers.Vary = "Accept-Encoding";
        if (!AcceptsGzip(context.Request))
            return Body(context, answer.Json);

        // Already compressed: the compression middleware leaves a response with a Content-Encoding alone.
        response.Headers.ContentEncoding = "gzip";
        return Body(context, answer.Gzipped);
    }

    /// <summary>
    /// A file of the request's build. If the build was replaced meanwhile (its folder handle retired, or the file
    /// removed with the old folder), the request is answered whole from the new build instead.
    /// </summary>
    private static async Task ServeFile(HttpContext context, SiteFollower follower, ServedSite site, string relative)
    {
        SiteFiles.Lookup lookup;
        while (true)
        {
            try
            {
                lookup = SiteFiles.Find(site, relative);
            }
            catch (ObjectDisposedException)
            {
                site = follower.Current;
                continue;
            }

            if (lookup is not SiteFiles.Missing || !(follower.Refresh() || follower.Current != site))
                break;
            site = follower.Current;
        }

        switch (lookup)
        {
            case SiteFiles.AddSlash:
                context.Response.Headers.Location = context.Request.PathBase + context.Request.Path + "/" + context.Request.QueryString;
                await Text(context, StatusCodes.Status301MovedPermanently, "moved");
                return;
            case SiteFiles.Found(var handle, var status, var contentType):
                using (handle)
                {
                    var response = context.Response;
                    response.ContentType = contentType;
                    response.ContentLength = status.Size;
                    response.Headers.LastModified = status.Modified.ToString("R");
                    if (HttpMethods.IsHead(context.Request.Method))
                        return;
                    await using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
                    await stream.CopyToAsync(response.Body, 81920, context.RequestAborted);
                }

                return;
            default:
                await Text(context, StatusCodes.Status404NotFound, "not found");
                return;
        }
    }

    public static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => (e.Value == "gzip" || e.Value == "*") && e.Quality is not 0);

    private static Task Text(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return Body(context, System.Text.Encoding.UTF8.GetBytes(message + "\n"));
    }

    private static Task Body(HttpContext context, byte[] body)
    {
        context.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(body).AsTask();
    }

    private static void Announce(ServeOptions options, ServedSite site, TextWriter stderr)
    {
        stderr.WriteLine($"mirror: serving {options.SiteDir} ({site.PluginCount} plugin(s), {site.Entries.Count} version(s)) on {options.Listening}");
        var root = site.BaseUrl.AbsoluteUri.TrimEnd('/');
        stderr.WriteLine($"mirror: Marketplace URL {root} (right for every server version)");
        foreach (var target in site.Targets.OrderBy(t => t.Value, SemVersion.PrecedenceComparer).Select(t => t.Key))
            stderr.WriteLine($"mirror: pinned to {target}: {root}/mm/{target}");
        if (BaseUrlMismatch(options, site.BaseUrl) is { } reason)
        {
            stderr.WriteLine($"mirror: warning: the site's base URL {site.BaseUrl} is not where this server listens ({reason}); " +
                "every download_url points there: fine behind a proxy that forwards it here, otherwise build with --base-url " + options.Listening);
        }

        stderr.WriteLine("mirror: one line per request on stdout; Ctrl-C or SIGTERM stops");
    }

    /// <summary>Why the base URL cannot reach this listener, or null when it can (a host name may: it is not resolved).</summary>
    public static string? BaseUrlMismatch(ServeOptions options, Uri baseUrl)
    {
        if (baseUrl.Scheme != Uri.UriSchemeHttp)
            return $"{baseUrl.Scheme}, and this server speaks plain http";
        if (baseUrl.Port != options.Port)
            return $"port {baseUrl.Port}, and this server listens on {options.Port}";
        var loopbackName = baseUrl.IsLoopback;
        var listensEverywhere = options.Address.Equals(IPAddress.Any) || options.Address.Equals(IPAddress.IPv6Any);
        if (IPAddress.IsLoopback(options.Address) && !loopbackName)
            return $"host {baseUrl.Host}, and this server listens on loopback only";
        if (!listensEverywhere && IPAddress.TryParse(baseUrl.IdnHost, out var address) && !address.Equals(options.Address) &&
            !(IPAddress.IsLoopback(address) && IPAddress.IsLoopback(options.Address)))
        {
            return $"address {address}, and this server listens on {options.Address}";
        }

        return null;
    }
}
