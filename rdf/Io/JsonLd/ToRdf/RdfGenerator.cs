using System.Text.Json;
using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.NodeMap;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.JsonLd.ToRdf;

/// <summary>
/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API §6.1, https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm)
/// with Object to RDF Conversion (§6.2.2) and List to RDF Conversion (§6.3.2): walks a node map and
/// pushes quads into a sink. Nodes, properties and datatypes that are not well-formed IRIs or
/// blank nodes are skipped, as the spec says.
/// </summary>
internal sealed class RdfGenerator
{
    private const string I18nNamespace = "https://www.w3.org/ns/i18n#";
    private static readonly Iri RdfValue = Iri.FromTrusted(Vocabulary.Rdf.Namespace + "value");
    private static readonly Iri RdfLanguage = Iri.FromTrusted(Vocabulary.Rdf.Namespace + "language");
    private static readonly Iri RdfDirection = Iri.FromTrusted(Vocabulary.Rdf.Namespace + "direction");
    private static readonly Iri RdfJson = Iri.FromTrusted(Vocabulary.Rdf.Namespace + "JSON");

    private readonly IQuadSink _sink;
    private readonly JsonLdOptions _options;
    private readonly Func<string, BlankNode> _blankNode;
    private readonly BlankNodeIdGenerator _identifiers;
    private readonly Dictionary<string, Iri> _iris = new(StringComparer.Ordinal);

    /// <param name="blankNode">Makes the blank node for a node-map label (without "_:").</param>
    public RdfGenerator(IQuadSink sink, JsonLdOptions options, BlankNodeIdGenerator identifiers, Func<string, BlankNode> blankNode)
    {
        _sink = sink;
        _options = options;
        _identifiers = identifiers;
        _blankNode = blankNode;
    }

    /// <summary>Emits every quad of <paramref name="nodeMap"/>.</summary>
    public void Generate(Dictionary<string, Dictionary<string, JsonObject>> nodeMap)
    {
        foreach (var (graphName, graph) in nodeMap)
        {
            NamedOrBlankNode? graphTerm = null;
            if (graphName != NodeMapGenerator.DefaultGraph)
            {
                graphTerm = Resource(graphName);
                if (graphTerm is null) continue;
            }
            foreach (var (subjectId, node) in graph)
            {
                var subject = Resource(subjectId);
                if (subject is null) continue;
                foreach (var (property, values) in node)
                {
                    if (property == Keywords.Type)
                    {
                        foreach (var type in JsonLdJson.AsArray(values))
                            if (Resource(JsonLdJson.AsString(type)) is { } typeTerm)
                                _sink.Add(new Quad(subject, Vocabulary.Rdf.Type, typeTerm, graphTerm));
                        continue;
                    }
                    if (Keywords.IsKeyword(property)) continue;
                    if (BlankNodeIdGenerator.IsBlankNodeId(property))
                    {
                        if (_options.ProduceGeneralizedRdf && _sink is IGeneralizedQuadSink generalized)
                            AddGeneralized(generalized, subject, property, values, graphTerm);
                        continue;
                    }
                    if (WellFormedIri(property) is not { } predicate) continue;
                    foreach (var item in JsonLdJson.AsArray(values))
                    {
                        var obj = ObjectToRdf(item, graphTerm);
                        if (obj is not null) _sink.Add(new Quad(subject, predicate, obj, graphTerm));
                    }
                }
            }
        }
    }

    /// <summary>§6.1 step 1.3.2.5 with produceGeneralizedRdf: a property that is a blank node identifier becomes a blank-node predicate.</summary>
    private void AddGeneralized(IGeneralizedQuadSink sink, NamedOrBlankNode subject, string property, JsonNode? values, NamedOrBlankNode? graph)
    {
        var predicate = _blankNode(property[2..]);
        foreach (var item in JsonLdJson.AsArray(values))
            if (ObjectToRdf(item, graph) is { } obj) sink.AddGeneralized(subject, predicate, obj, graph);
    }

    /// <summary>§6.2.2 Object to RDF Conversion; list and compound-literal triples go straight to the sink.</summary>
    private Term? ObjectToRdf(JsonNode? item, NamedOrBlankNode? graph)
    {
        if (item is not JsonObject map) return null;
        if (!map.ContainsKey(Keywords.Value) && !map.ContainsKey(Keywords.List))
            return Resource(JsonLdJson.AsString(map[Keywords.Id]));
        if (map.TryGetPropertyValue(Keywords.List, out var list))
            return ListToRdf(list as JsonArray ?? [], graph);

        var value = map[Keywords.Value];
        string? datatype = JsonLdJson.AsString(map[Keywords.Type]);
        if (datatype is not null && datatype != Keywords.Json && WellFormedIri(datatype) is null) return null;
        string? language = JsonLdJson.AsString(map[Keywords.Language]);
        if (language is not null && !IsWellFormedLanguage(language)) return null;

        string lexical;
        if (datatype == Keywords.Json)
        {
            lexical = JsonCanonicalizer.Canonicalize(value);
            datatype = RdfJson.Value;
        }
        else if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            lexical = v.GetValueKind() == JsonValueKind.True ? "true" : "false";
            datatype ??= Vocabulary.Xsd.Boolean.Value;
        }
        else if (value is JsonValue n && n.GetValueKind() == JsonValueKind.Number)
        {
            double d = n.GetValue<double>();
            bool integral = Math.Abs(d) < 1e21 && d == Math.Floor(d);
            if (!integral || datatype == Vocabulary.Xsd.Double.Value)
            {
                lexical = NumberFormatting.CanonicalDouble(d);
                datatype ??= Vocabulary.Xsd.Double.Value;
            }
            else
            {
                lexical = NumberFormatting.EcmaScript(d);
                datatype ??= Vocabulary.Xsd.Integer.Value;
            }
        }
        else if (JsonLdJson.AsString(value) is { } text)
        {
            lexical = text;
        }
        else
        {
            return null;
        }

        string? direction = JsonLdJson.AsString(map[Keywords.Direction]);
        if (direction is not null && _options.RdfDirection is { } mode)
        {
            string tag = language?.ToLowerInvariant() ?? "";
            if (mode == "i18n-datatype")
                return Literal.Typed(lexical, Iri.FromTrusted(I18nNamespace + tag + "_" + direction));
            if (mode == "compound-literal")
            {
                var node = _blankNode(_identifiers.Generate(null)[2..]);
                _sink.Add(new Quad(node, RdfValue, Literal.Simple(lexical), graph));
                if (language is not null) _sink.Add(new Quad(node, RdfLanguage, Literal.Simple(tag), graph));
                _sink.Add(new Quad(node, RdfDirection, Literal.Simple(direction), graph));
                return node;
            }
        }

        if (datatype is null)
            return language is null ? Literal.Simple(lexical) : Literal.LangString(lexical, language);
        if (datatype == Vocabulary.Rdf.LangString.Value)
            return language is null ? null : Literal.LangString(lexical, language);
        return Literal.Typed(lexical, DatatypeIri(datatype));
    }

    /// <summary>§6.3.2 List to RDF Conversion: rdf:first / rdf:rest cells, rdf:nil for the empty list.</summary>
    private Term ListToRdf(JsonArray list, NamedOrBlankNode? graph)
    {
        if (list.Count == 0) return Vocabulary.Rdf.Nil;
        var cells = new BlankNode[list.Count];
        for (int i = 0; i < cells.Length; i++) cells[i] = _blankNode(_identifiers.Generate(null)[2..]);
        for (int i = 0; i < cells.Length; i++)
        {
            var obj = ObjectToRdf(list[i], graph);
            if (obj is not null) _sink.Add(new Quad(cells[i], Vocabulary.Rdf.First, obj, graph));
            _sink.Add(new Quad(cells[i], Vocabulary.Rdf.Rest, i + 1 < cells.Length ? cells[i + 1] : Vocabulary.Rdf.Nil, graph));
        }
        return cells[0];
    }

    /// <summary>The IRI or blank node named by a node-map identifier, or null when it is neither.</summary>
    private NamedOrBlankNode? Resource(string? id)
    {
        if (id is null) return null;
        if (BlankNodeIdGenerator.IsBlankNodeId(id)) return _blankNode(id[2..]);
        return WellFormedIri(id);
    }

    private Iri? WellFormedIri(string value)
    {
        if (_iris.TryGetValue(value, out var iri)) return iri;
        if (Iri.Validate(value) is not null || value.IndexOf('#') != value.LastIndexOf('#')) return null;
        iri = Iri.FromTrusted(value);
        _iris[value] = iri;
        return iri;
    }

    private Iri DatatypeIri(string value) => WellFormedIri(value) ?? Iri.FromTrusted(value);

    /// <summary>BCP 47 shape: 1-8 letters, then '-' separated groups of 1-8 letters or digits.</summary>
    internal static bool IsWellFormedLanguage(string tag)
    {
        var parts = tag.Split('-');
        if (parts[0].Length is < 1 or > 8 || !parts[0].All(char.IsAsciiLetter)) return false;
        for (int i = 1; i < parts.Length; i++)
            if (parts[i].Length is < 1 or > 8 || !parts[i].All(char.IsAsciiLetterOrDigit)) return false;
        return true;
    }
}
