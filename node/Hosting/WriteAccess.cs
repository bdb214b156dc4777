using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Hosting;

/// <summary>
/// The credential check every write goes through. A key comes as <c>Authorization: Bearer KEY</c> or
/// <c>X-API-Key: KEY</c>; its SHA-256 is compared in constant time with every configured credential
/// (<see cref="NodeOptions.ApiKey"/>, role admin, and <see cref="NodeOptions.Credentials"/>). No key or an
/// unknown one: 401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750 §3). A known key without the role the
/// write needs: 403 naming the role (RFC 6750 §3.1 <c>insufficient_scope</c>). Either way the request
/// stops before it reads its body. The name of the credential that passed is kept on the request for
/// <see cref="RequestLog"/>; the key is never kept or logged. A node without credentials refuses all writes.
/// A role with a scope (<see cref="WriteGrant"/>) is checked once the endpoint knows what the request would
/// write (WriteAccess.Scopes.cs), still before anything is changed.
/// </summary>
public sealed partial class WriteAccess
{
    private static readonly object s_credentialKey = new();

    private readonly WriteCredential[] _credentials;

    public WriteAccess(NodeOptions options)
    {
        var credentials = new List<WriteCredential>();
        if (options.ApiKey is not null) credentials.Add(WriteCredential.FromKey(WriteCredential.ApiKeyName, WriteRole.Admin, options.ApiKey));
        credentials.AddRange(options.Credentials);
        _credentials = [.. credentials];
    }

    /// <summary>The credential the request presents, or null (none, or a key no credential has).</summary>
    public WriteCredential? Identify(HttpRequest request)
    {
        string? given = request.Headers["X-API-Key"].FirstOrDefault();
        string? auth = request.Headers.Authorization.FirstOrDefault();
        if (given is null && auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) given = auth["Bearer ".Length..].Trim();
        if (string.IsNullOrEmpty(given) || _credentials.Length == 0) return null;
        byte[] hash = WriteCredential.Hash(given);
        WriteCredential? found = null;
        foreach (WriteCredential c in _credentials) // every one is compared, so the time does not say which matched
            if (CryptographicOperations.FixedTimeEquals(hash, c.KeyHash) && found is null) found = c;
        return found;
    }

    /// <summary>Whether the request presents a credential that has <paramref name="needed"/>.</summary>
    public bool IsAllowed(HttpRequest request, WriteRole needed) => Identify(request) is { } c && (c.Roles & needed) == needed;

    /// <summary>
    /// Null when the request may write with <paramref name="needed"/>; else the refusal (401 or 403) to
    /// answer, in the endpoint's own error format. Sets <c>WWW-Authenticate</c> and records the credential's name.
    /// </summary>
    public WriteRefusal? Refusal(HttpContext context, WriteRole needed)
    {
        WriteCredential? credential = Identify(context.Request);
        if (credential is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"dihnode\"";
            return new WriteRefusal(StatusCodes.Status401Unauthorized, "Unauthorized", "credentials required",
                _credentials.Length == 0
                    ? "this node accepts no writes: it was started without --api-key, --key or --keys"
                    : "writes need an API key of this node (Authorization: Bearer KEY or X-API-Key: KEY)");
        }
        context.Items[s_credentialKey] = credential;
        if ((credential.Roles & needed) == needed) return null;
        string role = WriteCredential.Describe(needed);
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"dihnode\", error=\"insufficient_scope\", scope=\"{role}\"";
        return new WriteRefusal(StatusCodes.Status403Forbidden, "Forbidden", "role required",
            $"this write needs a credential with the role '{role}' (or 'admin'); credential '{credential.Name}' has the role '{WriteCredential.Describe(credential.Roles)}'; nothing was changed");
    }

    /// <summary>Null when the request may write with <paramref name="needed"/>; else the 401 or 403 answer as problem details (RFC 9457).</summary>
    public IResult? Check(HttpContext context, WriteRole needed) =>
        Refusal(context, needed) is { } refused ? Results.Problem(refused.Message, statusCode: refused.Status, title: refused.Title) : null;

    /// <summary>The name of the credential the request presented and <see cref="Refusal"/> recognised; null when none was.</summary>
    public static string? CredentialName(HttpContext context) => Credential(context)?.Name;

    /// <summary>The credential the request presented and <see cref="Refusal"/> recognised; null when none was.</summary>
    public static WriteCredential? Credential(HttpContext context) =>
        context.Items.TryGetValue(s_credentialKey, out object? credential) ? credential as WriteCredential : null;
}

/// <summary>Why a write is refused: 401 (no known credential) or 403 (a credential without the role); <see cref="Code"/> for OData errors.</summary>
public sealed record WriteRefusal(int Status, string Code, string Title, string Message);
