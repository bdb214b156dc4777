using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Web;

/// <summary>
/// The UI's stylesheet and script, embedded in the assembly from <c>Web/wwwroot</c> (no CDN, nothing
/// fetched at run time), served with an ETag and a short cache lifetime.
/// </summary>
internal static class StaticAssets
{
    private static readonly Dictionary<string, (byte[] Body, string Type, string ETag)> s_files = Load();

    public static Task HandleAsync(HttpContext context, string file)
    {
        if (!s_files.TryGetValue(file, out var asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        var response = context.Response;
        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = "public, max-age=300";
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = asset.Type;
        response.ContentLength = asset.Body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(asset.Body, context.RequestAborted).AsTask();
    }

    private static Dictionary<string, (byte[], string, string)> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("web/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] body = copy.ToArray();
            string type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            files[name["web/".Length..]] = (body, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(body), 0, 8) + "\"");
        }
        return files;
    }
}
