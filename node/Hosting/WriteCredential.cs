using System.Security.Cryptography;
using System.Text;
using DihNode.Rdf.Model;

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
/// holds only hashes), its roles and their scopes. The name is what the request log records for each write.
/// </summary>
public sealed record WriteCredential(string Name, WriteRole Roles, byte[] KeyHash)
{
    /// <summary>The name of the credential <c>--api-key</c> (or <c>DIHNODE_API_KEY</c>) defines: role admin.</summary>
    public const string ApiKeyName = "api-key";

    /// <summary>
    /// The scope of the role data: the graphs it may write are those whose IRI starts with one of these
    /// (ordinal, as written); empty: every graph the node lets clients change, as without a scope.
    /// </summary>
    public IReadOnlyList<string> GraphPrefixes { get; init; } = [];

    /// <summary>The scope of the role registry: the country codes (upper case, as the registry stores them) whose hubs it may write; empty: every hub.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>Whether the credential comes from the keys file (<see cref="KeysFile"/>), which a reload replaces; else from the command line, which stays.</summary>
    public bool FromKeysFile { get; init; }

    /// <summary>A credential from the key itself (<c>--key NAME:ROLES:KEY</c>).</summary>
    public static WriteCredential FromKey(string name, WriteRole roles, string key) => new(name, roles, Hash(key));

    /// <summary>A credential with the roles and scopes of <paramref name="grant"/>.</summary>
    public static WriteCredential From(string name, WriteGrant grant, byte[] keyHash) =>
        new(name, grant.Roles, keyHash) { GraphPrefixes = grant.GraphPrefixes, Countries = grant.Countries };

    /// <summary>
    /// A credential from the fields NAME and ROLES of an option or a keys file line; a <see cref="FormatException"/>
    /// starts with <paramref name="where"/> (<c>--key NAME</c>, <c>FILE:LINE</c>) and names the field, never the key.
    /// </summary>
    public static WriteCredential Define(string name, string roles, byte[] keyHash, string where, string hint = "")
    {
        if (!IsValidName(name)) throw new FormatException($"{where}: credential name '{name}': use letters, digits, '-', '_' or '.'");
        WriteGrant grant;
        try { grant = WriteGrant.Parse(roles); }
        catch (FormatException e) { throw new FormatException($"{where}: roles '{roles}' for '{name}': {e.Message}{hint}"); }
        return From(name, grant, keyHash);
    }

    /// <summary>Whether <paramref name="other"/> has the same key and the same roles and scopes (a reload reports the name as changed otherwise).</summary>
    public bool SameGrantAndKey(WriteCredential other) =>
        Roles == other.Roles && KeyHash.AsSpan().SequenceEqual(other.KeyHash)
        && GraphPrefixes.SequenceEqual(other.GraphPrefixes, StringComparer.Ordinal) && Countries.SequenceEqual(other.Countries, StringComparer.Ordinal);

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Letters, digits, '-', '_' and '.': a name that is safe in a log line and a keys file.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Whether the role data of this credential reaches <paramref name="graph"/> (null: the default graph, which a scoped credential never reaches).</summary>
    public bool MayWriteGraph(Iri? graph) =>
        GraphPrefixes.Count == 0 || (graph is not null && GraphPrefixes.Any(p => graph.Value.StartsWith(p, StringComparison.Ordinal)));

    /// <summary>Whether the role registry of this credential reaches hubs of <paramref name="country"/> (a code as the registry stores it).</summary>
    public bool MayWriteCountry(string country) =>
        Countries.Count == 0 || Countries.Contains(country.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The roles and scopes as written in options: <c>admin</c>, or <c>data=&lt;IRI&gt;,registry=FR</c>, …</summary>
    public string Describe() => new WriteGrant(Roles, GraphPrefixes, Countries).ToString();

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
