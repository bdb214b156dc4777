namespace DihNode.Rdf.Io.JsonLd.NodeMap;

/// <summary>
/// Generate Blank Node Identifier (JSON-LD 1.1 API §7.1, https://www.w3.org/TR/json-ld11-api/#generate-blank-node-identifier):
/// relabels the document's blank nodes "_:b0", "_:b1", ... and mints fresh ones, one generator per API call.
/// </summary>
internal sealed class BlankNodeIdGenerator
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
    private int _counter;

    /// <summary>The new identifier for <paramref name="identifier"/> (the same each time), or a fresh one for null.</summary>
    public string Generate(string? identifier)
    {
        if (identifier is not null && _map.TryGetValue(identifier, out var existing)) return existing;
        string fresh = "_:b" + _counter++.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (identifier is not null) _map[identifier] = fresh;
        return fresh;
    }

    public static bool IsBlankNodeId(string? s) => s is not null && s.StartsWith("_:", StringComparison.Ordinal);
}
