using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Hosting;

/// <summary>
/// The credential check every write goes through: the API key as <c>Authorization: Bearer KEY</c> or
/// <c>X-API-Key: KEY</c>, compared in constant time. A node started without a key refuses all writes.
/// </summary>
public sealed class WriteAccess(NodeOptions options)
{
    private readonly byte[]? _key = options.ApiKey is null ? null : Encoding.UTF8.GetBytes(options.ApiKey);

    public bool IsAllowed(HttpRequest request)
    {
        if (_key is null) return false;
        string? given = request.Headers["X-API-Key"].FirstOrDefault();
        string? auth = request.Headers.Authorization.FirstOrDefault();
        if (given is null && auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) given = auth["Bearer ".Length..].Trim();
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _key);
    }

    /// <summary>Null when the request may write; else the 401 answer (with <c>WWW-Authenticate</c>) to return.</summary>
    public IResult? Check(HttpContext context)
    {
        if (IsAllowed(context.Request)) return null;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"dihnode\"";
        return Results.Problem(
            _key is null ? "this node accepts no writes: it was started without --api-key" : "writes need the node's API key (Authorization: Bearer KEY or X-API-Key: KEY)",
            statusCode: StatusCodes.Status401Unauthorized, title: "credentials required");
    }
}
