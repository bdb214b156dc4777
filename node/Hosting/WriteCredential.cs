using System.Security.Cryptography;
using System.Text;

namespace DihNode.Node.Hosting;

/// <summary>
/// What a credential may write. <see cref="Registry"/>: the hub registry (OData writes on <c>Hubs</c>, and
/// any other registry or administration write); <see cref="Data"/>: SPARQL Update and Graph Store writes
/// on the graphs the node lets clients change (never the managed graphs); <see cref="Admin"/>: both, and
/// every role added later.
/// </summary>
[Flags]
public enum WriteRole
{
    None = 0,
    Data = 1,
    Registry = 2,
    Admin = ~0,
}

/// <summary>
/// A named write credential: the SHA-256 of its key (the node never needs the key itself, so a keys file
/// holds only hashes) and its roles. The name is what the request log records for each write.
/// </summary>
public sealed record WriteCredential(string Name, WriteRole Roles, byte[] KeyHash)
{
    /// <summary>The name of the credential <c>--api-key</c> (or <c>DIHNODE_API_KEY</c>) defines: role admin.</summary>
    public const string ApiKeyName = "api-key";

    /// <summary>A credential from the key itself (<c>--key NAME:ROLES:KEY</c>).</summary>
    public static WriteCredential FromKey(string name, WriteRole roles, string key) => new(name, roles, Hash(key));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Letters, digits, '-', '_' and '.': a name that is safe in a log line and a keys file.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Reads <c>registry</c>, <c>data</c>, <c>admin</c> or a comma-separated list of them; null for anything else.</summary>
    public static WriteRole? ParseRoles(string text)
    {
        var roles = WriteRole.None;
        foreach (string part in text.Split(','))
        {
            WriteRole? role = part.Trim().ToLowerInvariant() switch
            {
                "data" => WriteRole.Data,
                "registry" => WriteRole.Registry,
                "admin" => WriteRole.Admin,
                _ => null,
            };
            if (role is null) return null;
            roles |= role.Value;
        }
        return roles;
    }

    /// <summary>The roles as written in options: <c>admin</c>, or the single roles joined by commas.</summary>
    public static string Describe(WriteRole roles)
    {
        if (roles == WriteRole.Admin) return "admin";
        var names = new List<string>();
        if (roles.HasFlag(WriteRole.Registry)) names.Add("registry");
        if (roles.HasFlag(WriteRole.Data)) names.Add("data");
        return names.Count == 0 ? "none" : string.Join(",", names);
    }
}
