using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Semver;

namespace Mirror.Tests.Support;

/// <summary>
/// An upstream shaped like the official one, on 127.0.0.1 (Kestrel): <c>/api/v1/plugins</c> answers entries made
/// from a real entry of the production <c>plugins.json</c> (every key, platforms, empty signatures allowed) with the
/// official query semantics the sync relies on (plugin_id, return_all_versions, the platform swap), and download URLs
/// shaped like GitHub release assets that answer 302 to the file, which honours Range requests. Faults on demand.
/// </summary>
internal sealed class FakeMarketplace : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<JsonObject> entries = [];
    private readonly ConcurrentDictionary<string, byte[]> files = new();
    private readonly ConcurrentDictionary<string, int> failuresLeft = new();
    private readonly ConcurrentDictionary<string, string> redirects = new();

    public FakeMarketplace()
    {
        Port = LocalServer.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            var expected = ProxyCredentials is { } credentials ? "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)) : null;
            if (expected is not null && context.Request.Headers["Proxy-Authorization"].ToString() != expected)
            {
                context.Response.StatusCode = 407;
                context.Response.Headers["Proxy-Authenticate"] = "Basic realm=\"test proxy\"";
                return;
            }

            await next();
        });
        app.MapGet("/api/v1/plugins", Listing);
        app.MapGet("/{owner}/{repo}/releases/download/{tag}/{name}", (string name) => Results.Redirect($"/assets/{name}"));
        app.MapGet("/assets/{name}", Asset);
        app.MapGet("/redirect/{key}/{**rest}", (string key) => Results.Redirect(redirects[key]));
        app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>When set (<c>user:password</c>), the server plays a proxy that asks for them (407) before it answers anything.</summary>
    public string? ProxyCredentials { get; set; }

    /// <summary>Every request: path and query, and its Range header.</summary>
    public ConcurrentQueue<(string PathAndQuery, string Range, int Status)> Requests { get; } = new();

    /// <summary>Bytes per chunk and pause between chunks when serving a file slowly (0: full speed).</summary>
    public int SlowChunkBytes { get; set; }

    /// <summary>A GitHub-style release asset URL for <paramref name="name"/>, which answers 302 to the file.</summary>
    public string ReleaseUrl(string name) => $"{Url}/mattermost/mattermost-plugin-x/releases/download/v1.0.0/{name}";

    public void Serve(string name, byte[] bytes) => files[name] = bytes;

    /// <summary>
    /// A URL that answers 302 to <paramref name="location"/>, whatever it is (<c>file:</c>, <c>ftp:</c>, another port),
    /// and so does every path below it: as <c>--from</c>, the listing is redirected too.
    /// </summary>
    public string RedirectUrl(string location)
    {
        var key = Guid.NewGuid().ToString("N");
        redirects[key] = location;
        return $"{Url}/redirect/{key}";
    }

    /// <summary>The next <paramref name="count"/> requests for <paramref name="name"/> answer 503.</summary>
    public void FailNext(string name, int count) => failuresLeft[name] = count;

    public IEnumerable<string> AssetRequests(string name) =>
        Requests.Where(r => r.PathAndQuery == $"/assets/{name}").Select(r => r.Range);

    /// <summary>Lists an entry built from the production fixture's first entry, with this manifest, download and signature.</summary>
    public JsonObject List(string id, string version, string downloadUrl, byte[]? signature, JsonObject? platforms = null, Action<JsonObject>? edit = null)
    {
        var entry = ProductionEntry.Make(id, version, downloadUrl, signature, platforms);
        edit?.Invoke(entry);
        lock (entries)
            entries.Add(entry);
        return entry;
    }

    public static JsonObject Platform(string downloadUrl, byte[]? signature) =>
        new() { ["download_url"] = downloadUrl, ["signature"] = signature is null ? "" : Convert.ToBase64String(signature) };

    private IResult Listing(HttpContext context)
    {
        var query = context.Request.Query;
        Record(context, 200);
        var pluginId = query["plugin_id"].ToString();
        var platform = query["platform"].ToString();
        List<JsonObject> answer;
        lock (entries)
            answer = entries.Select(e => (JsonObject)e.DeepClone()).Where(e => pluginId.Length == 0 || Id(e) == pluginId).ToList();
        foreach (var entry in answer)
        {
            if (platform.Length > 0 && entry["platforms"]?[platform] is JsonObject bundle &&
                bundle["download_url"]?.GetValue<string>() is { Length: > 0 } url && bundle["signature"]?.GetValue<string>() is { Length: > 0 } signature)
            {
                entry["download_url"] = url;
                entry["signature"] = signature;
            }
        }

        if (query["return_all_versions"] != "true")
            answer = answer.GroupBy(Id).Select(g => g.OrderByDescending(Precedence, SemVersion.PrecedenceComparer).First()).ToList();
        return Results.Text(new JsonArray([.. answer]).ToJsonString(), "application/json");
    }

    private async Task Asset(HttpContext context, string name)
    {
        if (failuresLeft.TryGetValue(name, out var left) && left > 0)
        {
            failuresLeft[name] = left - 1;
            Record(context, 503);
            context.Response.StatusCode = 503;
            return;
        }

        if (!files.TryGetValue(name, out var bytes))
        {
            Record(context, 404);
            context.Response.StatusCode = 404;
            return;
        }

        var from = 0;
        var range = context.Request.Headers.Range.ToString();
        var start = range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-') && int.TryParse(range[6..^1], out var asked) ? asked : 0;
        if (start >= bytes.Length)
        {
            Record(context, 416);
            context.Response.StatusCode = 416;
            context.Response.Headers.ContentRange = $"bytes */{bytes.Length}";
            return;
        }

        if (start > 0)
        {
            from = start;
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{bytes.Length - 1}/{bytes.Length}";
        }

        Record(context, context.Response.StatusCode);
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = bytes.Length - from;
        var chunk = SlowChunkBytes > 0 ? SlowChunkBytes : bytes.Length;
        for (var offset = from; offset < bytes.Length; offset += chunk)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (SlowChunkBytes > 0)
                await Task.Delay(100, context.RequestAborted);
        }
    }

    private void Record(HttpContext context, int status) =>
        Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.Range.ToString(), status));

    private static string Id(JsonObject entry) => entry["manifest"]!["id"]!.GetValue<string>();

    private static string Version(JsonObject entry) => entry["manifest"]!["version"]!.GetValue<string>();

    /// <summary>A hostile entry's version that is not semver orders before every real one.</summary>
    private static SemVersion Precedence(JsonObject entry) =>
        SemVersion.TryParse(Version(entry), SemVersionStyles.Strict, out var version) ? version : new SemVersion(0);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
