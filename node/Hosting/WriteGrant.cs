using DihNode.Rdf.Model;

namespace DihNode.Node.Hosting;

/// <summary>
/// The ROLES field of a credential (<c>--key</c>, <c>--keys</c>): roles separated by commas, each with an
/// optional scope after <c>=</c>, in the way Fuseki grants access per graph and CKAN per organisation:
/// <list type="bullet">
/// <item><c>data</c>: SPARQL Update and Graph Store writes on every graph the node lets clients change;
/// <c>data=IRI-PREFIX</c> (repeatable): only on graphs whose IRI starts with one of the prefixes (ordinal; end a
/// prefix with <c>/</c> or <c>#</c> so that <c>…/lyon</c> does not also grant <c>…/lyonnais</c>). The IRI may be
/// written in angle brackets, which also keep a comma inside it from separating roles.</item>
/// <item><c>registry</c>: OData writes on every hub; <c>registry=CC</c> (repeatable): only on hubs whose
/// country is CC (two letters as <c>/odata/Countries</c> lists them, e.g. <c>FR</c>, <c>EL</c> for Greece).</item>
/// <item><c>admin</c>: everything; it takes no scope and cannot be combined with a scoped role.</item>
/// </list>
/// A role is either unscoped or scoped, never both (<c>data,data=…</c> is refused: the first would void the second).
/// </summary>
public sealed record WriteGrant(WriteRole Roles, IReadOnlyList<string> GraphPrefixes, IReadOnlyList<string> Countries)
{
    /// <summary>Whether a role of the grant carries a scope.</summary>
    public bool IsScoped => GraphPrefixes.Count > 0 || Countries.Count > 0;

    /// <summary>Reads the ROLES field; a <see cref="FormatException"/> names the part that is wrong and what is expected.</summary>
    public static WriteGrant Parse(string text)
    {
        var roles = WriteRole.None;
        var unscoped = WriteRole.None;
        var prefixes = new List<string>();
        var countries = new List<string>();
        foreach (string item in Items(text))
        {
            int eq = item.IndexOf('=');
            string role = (eq < 0 ? item : item[..eq]).Trim().ToLowerInvariant();
            string? scope = eq < 0 ? null : item[(eq + 1)..].Trim();
            WriteRole flag = role switch
            {
                "data" => WriteRole.Data,
                "registry" => WriteRole.Registry,
                "admin" => WriteRole.Admin,
                _ => throw new FormatException($"use registry, data or admin, separated by commas, with data=IRI-PREFIX or registry=CC for a scope ('{item}' is not a role)"),
            };
            roles |= flag;
            if (scope is null)
            {
                unscoped |= flag;
                continue;
            }
            switch (flag)
            {
                case WriteRole.Admin:
                    throw new FormatException($"'{item}': admin takes no scope (it may write everything); scope data or registry instead");
                case WriteRole.Data:
                    prefixes.Add(GraphPrefix(scope, item));
                    break;
                default:
                    countries.Add(Country(scope, item));
                    break;
            }
        }
        if (roles == WriteRole.Admin && (prefixes.Count > 0 || countries.Count > 0))
            throw new FormatException("admin may write everything, so it cannot be combined with a scoped role; give the scoped roles without admin");
        foreach (var (flag, name, scoped) in (ReadOnlySpan<(WriteRole, string, bool)>)[(WriteRole.Data, "data", prefixes.Count > 0), (WriteRole.Registry, "registry", countries.Count > 0)])
            if (scoped && (unscoped & flag) == flag)
                throw new FormatException($"the role {name} is given both without a scope (which reaches everything) and with one; give one of them");
        return new WriteGrant(roles, prefixes.Distinct(StringComparer.Ordinal).ToList(), countries.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The roles field as options write it: <c>admin</c>, <c>data=&lt;IRI&gt;,registry=FR</c>, <c>registry,data</c>, …</summary>
    public override string ToString()
    {
        if (Roles == WriteRole.Admin) return "admin";
        var parts = new List<string>();
        if (Roles.HasFlag(WriteRole.Registry))
            parts.AddRange(Countries.Count == 0 ? ["registry"] : Countries.Select(c => "registry=" + c));
        if (Roles.HasFlag(WriteRole.Data))
            parts.AddRange(GraphPrefixes.Count == 0 ? ["data"] : GraphPrefixes.Select(p => $"data=<{p}>"));
        return parts.Count == 0 ? "none" : string.Join(",", parts);
    }

    /// <summary>
    /// The items of the field: a comma separates two items only outside angle brackets and when a role name
    /// (letters, then '=', ',' or the end) follows, so a comma inside a bare IRI stays in it.
    /// </summary>
    private static List<string> Items(string text)
    {
        var items = new List<string>();
        int start = 0;
        bool bracketed = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '<') bracketed = true;
            else if (c == '>') bracketed = false;
            else if (c == ',' && !bracketed && StartsItem(text, i + 1))
            {
                items.Add(text[start..i]);
                start = i + 1;
            }
        }
        items.Add(text[start..]);
        return items;
    }

    private static bool StartsItem(string text, int at)
    {
        int end = at;
        while (end < text.Length && char.IsAsciiLetter(text[end])) end++;
        return end > at && (end == text.Length || text[end] is '=' or ',');
    }

    private static string GraphPrefix(string scope, string item)
    {
        if (scope.StartsWith('<'))
        {
            if (!scope.EndsWith('>')) throw new FormatException($"'{item}': the IRI opened with '<' has no closing '>'");
            scope = scope[1..^1];
        }
        if (!Iri.TryCreate(scope, out _))
            throw new FormatException($"'{item}': the scope of data is the start of the graphs' IRIs, an absolute IRI such as http://example.org/graphs/lyon/");
        return scope;
    }

    private static string Country(string scope, string item)
    {
        if (scope.Length != 2 || !scope.All(char.IsAsciiLetter))
            throw new FormatException($"'{item}': the scope of registry is a country code of two letters as /odata/Countries lists them (FR; EL for Greece)");
        return scope.ToUpperInvariant();
    }
}
