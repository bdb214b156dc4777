using System.Globalization;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.RdfXml;

/// <summary>
/// The namespace prefixes of one RDF/XML document the writer produces. RDF/XML names predicates and
/// types by XML QNames (§2.1), so every predicate IRI is split into a namespace and the longest
/// suffix that is an NCName; the namespace gets the prefix the options or the source document gave
/// it, or a made-up "ns1", "ns2", ... The prefix "rdf" always names the RDF namespace.
/// </summary>
internal sealed class RdfXmlNamespaces
{
    private readonly Dictionary<string, string> _prefixOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _preferred = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _qnames = new(StringComparer.Ordinal);
    private int _generated;

    /// <param name="prefixes">prefix -> namespace; a namespace named by several prefixes gets the last.</param>
    public RdfXmlNamespaces(IEnumerable<KeyValuePair<string, string>> prefixes)
    {
        _taken.Add("rdf");
        _prefixOf[RdfXmlNames.Rdf] = "rdf";
        foreach (var (prefix, ns) in prefixes)
        {
            if (!IsUsablePrefix(prefix) || prefix == "rdf" || ns.Length == 0) continue;
            _preferred[ns] = prefix;
            _reserved.Add(prefix);
        }
    }

    /// <summary>The declarations in the order they were first needed (rdf first).</summary>
    public List<(string Prefix, string Namespace)> Declarations { get; } = [("rdf", RdfXmlNames.Rdf)];

    /// <summary>True for a prefix an XML document may declare: an NCName not starting with "xml" (Namespaces in XML §3).</summary>
    public static bool IsUsablePrefix(string prefix) =>
        RdfXmlNames.IsNCName(prefix) && !prefix.StartsWith("xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The QName ("prefix:local") for <paramref name="iri"/>, declaring its namespace on first use; null when the IRI ends in no NCName.</summary>
    public string? QName(Iri iri)
    {
        if (_qnames.TryGetValue(iri.Value, out var cached)) return cached;
        string? qname = null;
        if (RdfXmlNames.TrySplitQName(iri.Value, out string ns, out string local))
            qname = PrefixFor(ns) + ":" + local;
        _qnames[iri.Value] = qname;
        return qname;
    }

    private string PrefixFor(string ns)
    {
        if (_prefixOf.TryGetValue(ns, out var prefix)) return prefix;
        if (!_preferred.TryGetValue(ns, out prefix) || !_taken.Add(prefix))
        {
            do prefix = "ns" + (++_generated).ToString(CultureInfo.InvariantCulture);
            while (_reserved.Contains(prefix) || !_taken.Add(prefix));
        }
        _prefixOf[ns] = prefix;
        Declarations.Add((prefix, ns));
        return prefix;
    }
}
