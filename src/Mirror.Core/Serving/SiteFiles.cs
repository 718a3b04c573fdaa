using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Win32.SafeHandles;
using Mirror.OpenPgp.Files;

namespace Mirror.Core.Serving;

/// <summary>
/// The files of one build, looked up beneath its folder handle only. Refused before any lookup: a segment that starts
/// with '.' (<c>..</c>, hidden files such as the site marker), an encoded slash or a backslash, a NUL. The kernel then
/// refuses anything whose resolution leaves the folder (<c>openat2</c> <c>RESOLVE_BENEATH</c>): absolute paths, and
/// symlinks leading out of it, to the build's lock and staging siblings or anywhere else. Only regular files are served.
/// </summary>
internal static class SiteFiles
{
    public const string IndexFile = "index.html";

    private static readonly FileExtensionContentTypeProvider ContentTypes = WithSiteTypes();

    /// <summary>What a path names in a build.</summary>
    internal abstract record Lookup;

    internal sealed record Found(SafeFileHandle Handle, Statx.Status Status, string ContentType) : Lookup;

    /// <summary>A folder asked without its trailing slash: the pages' relative links need it.</summary>
    internal sealed record AddSlash : Lookup;

    internal sealed record Missing : Lookup;

    /// <summary>Looks <paramref name="relative"/> (already URL-decoded, without a leading '/') up in <paramref name="site"/>.</summary>
    /// <exception cref="ObjectDisposedException">The build was retired meanwhile: look it up in the current one.</exception>
    public static Lookup Find(ServedSite site, string relative)
    {
        if (!IsAllowed(relative))
            return new Missing();
        var path = relative.Length == 0 ? "." : relative;
        if (LinuxFiles.OpenBeneath(site.Folder, path) is not { } handle)
            return new Missing();
        var status = Statx.Of(handle);
        if (status.IsDirectory)
        {
            handle.Dispose();
            if (relative.Length > 0 && !relative.EndsWith('/'))
                return new AddSlash();
            return Find(site, relative + IndexFile);
        }

        if (!status.IsRegularFile)
        {
            handle.Dispose();
            return new Missing();
        }

        return new Found(handle, status, ContentType(relative));
    }

    public static string ContentType(string path) =>
        ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";

    private static bool IsAllowed(string relative) =>
        !relative.StartsWith('/') &&
        relative.IndexOfAny(['\\', '\0']) < 0 &&
        !relative.Contains("%2f", StringComparison.OrdinalIgnoreCase) &&
        relative.Split('/').All(segment => !segment.StartsWith('.'));

    /// <summary>ASP.NET Core's table, plus what a site holds that it lacks; text stays readable in a browser.</summary>
    private static FileExtensionContentTypeProvider WithSiteTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".json"] = "application/json";
        provider.Mappings[".html"] = "text/html; charset=utf-8";
        provider.Mappings[".css"] = "text/css; charset=utf-8";
        provider.Mappings[".js"] = "text/javascript; charset=utf-8";
        provider.Mappings[".asc"] = "text/plain; charset=utf-8";
        provider.Mappings[".sig"] = "application/pgp-signature";
        provider.Mappings[".conf"] = "text/plain; charset=utf-8";
        provider.Mappings[".gz"] = "application/gzip";
        return provider;
    }
}
