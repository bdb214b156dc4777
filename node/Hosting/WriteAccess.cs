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
/// write (WriteAccess.Scopes.cs), still before anything is changed. The credentials of the keys file are
/// replaced as a whole when it changes (<see cref="ReplaceFileCredentials"/>, one reference swap): a request
/// uses the set it read when it was identified, and the credential found stays on it until it ends.
/// </summary>
public sealed partial class WriteAccess
{
    private static readonly object s_credentialKey = new();

    /// <summary>The credentials a reload never changes: <c>--api-key</c> and <c>--key</c>.</summary>
    private readonly WriteCredential[] _fixed;

    /// <summary>Every credential in force: <see cref="_fixed"/>, then those of the keys file. Replaced whole, never changed in place.</summary>
    private volatile WriteCredential[] _credentials;

    public WriteAccess(NodeOptions options)
    {
        var credentials = new List<WriteCredential>();
        if (options.ApiKey is not null) credentials.Add(WriteCredential.FromKey(WriteCredential.ApiKeyName, WriteRole.Admin, options.ApiKey));
        credentials.AddRange(options.Credentials.Where(c => !c.FromKeysFile));
        _fixed = [.. credentials];
        _credentials = [.. _fixed, .. options.Credentials.Where(c => c.FromKeysFile)];
    }

    /// <summary>The names a keys file may not take (<c>--api-key</c>'s and <c>--key</c>'s).</summary>
    public IReadOnlyCollection<string> FixedNames => [.. _fixed.Select(c => c.Name)];

    /// <summary>The credentials now in force that came from the keys file.</summary>
    public IReadOnlyList<WriteCredential> FileCredentials => [.. _credentials.Where(c => c.FromKeysFile)];

    /// <summary>
    /// Puts <paramref name="next"/> (a keys file's credentials, <see cref="KeysFile.Read"/> with <see cref="FixedNames"/>)
    /// in place of the keys file's current ones in one swap, and says which names came, went or changed key, roles or scopes.
    /// Callers serialise (<see cref="KeysFileReloader"/>).
    /// </summary>
    public CredentialChange ReplaceFileCredentials(IReadOnlyList<WriteCredential> next)
    {
        var before = _credentials.Where(c => c.FromKeysFile).ToDictionary(c => c.Name, StringComparer.Ordinal);
        var after = next.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _credentials = [.. _fixed, .. next];
        static List<string> Sorted(IEnumerable<string> names) => [.. names.Order(StringComparer.Ordinal)];
        return new CredentialChange(
            Sorted(after.Keys.Where(n => !before.ContainsKey(n))),
            Sorted(before.Keys.Where(n => !after.ContainsKey(n))),
            Sorted(after.Values.Where(c => before.TryGetValue(c.Name, out var old) && !old.SameGrantAndKey(c)).Select(c => c.Name)));
    }

    /// <summary>The credential the request presents, or null (none, or a key no credential has).</summary>
    public WriteCredential? Identify(HttpRequest request)
    {
        WriteCredential[] credentials = _credentials; // one read: a reload during this request does not mix two sets
        string? given = request.Headers["X-API-Key"].FirstOrDefault();
        string? auth = request.Headers.Authorization.FirstOrDefault();
        if (given is null && auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) given = auth["Bearer ".Length..].Trim();
        if (string.IsNullOrEmpty(given) || credentials.Length == 0) return null;
        byte[] hash = WriteCredential.Hash(given);
        WriteCredential? found = null;
        foreach (WriteCredential c in credentials) // every one is compared, so the time does not say which matched
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
                    ? "this node accepts no writes: it has no credential (none was given with --api-key or --key, and its --keys file, if any, lists none)"
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

/// <summary>What a keys file reload changed, by credential name (sorted): never keys or hashes.</summary>
public sealed record CredentialChange(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary><c>added a, b; removed c; changed none</c>.</summary>
    public override string ToString()
    {
        static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
        return $"added {List(Added)}; removed {List(Removed)}; changed {List(Changed)}";
    }
}

/// <summary>Why a write is refused: 401 (no known credential) or 403 (a credential without the role); <see cref="Code"/> for OData errors.</summary>
public sealed record WriteRefusal(int Status, string Code, string Title, string Message);
