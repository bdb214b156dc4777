using System.Text.Json.Nodes;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.JsonLd.FromRdf;

/// <summary>
/// The Serialize RDF as JSON-LD algorithm (https://www.w3.org/TR/json-ld11-api/#serialize-rdf-as-json-ld-algorithm):
/// quads in, a JSON-LD document in expanded form out. Each graph gets a node map (subject -> node
/// object); well-formed rdf:first/rest chains of blank nodes referenced once become <c>@list</c>
/// values; named graphs become <c>@graph</c> entries of the node named like the graph.
/// The bookkeeping the spec keeps inside the maps (<c>usages</c>, <c>referenced once</c>) lives in
/// side tables here, so the output needs no clean-up.
/// </summary>
internal static class RdfToJsonLd
{
    private const string RdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string RdfFirst = RdfNamespace + "first";
    private const string RdfRest = RdfNamespace + "rest";
    private const string RdfNil = RdfNamespace + "nil";
    private const string RdfList = RdfNamespace + "List";
    private const string RdfType = RdfNamespace + "type";
    private const string RdfValue = RdfNamespace + "value";
    private const string RdfLanguage = RdfNamespace + "language";
    private const string RdfDirection = RdfNamespace + "direction";
    private const string DefaultGraph = "@default";

    /// <summary>Where a node is used as an object: the subject's node object, the property, and the value object.</summary>
    private sealed record Usage(JsonObject Node, string Property, JsonObject Value);

    /// <summary>Converts <paramref name="quads"/> into an expanded JSON-LD document (an array of node objects).</summary>
    public static JsonArray Convert(IEnumerable<Quad> quads, FromRdfOptions? options = null)
    {
        options ??= new FromRdfOptions();
        var graphMap = new OrderedDictionary<string, OrderedDictionary<string, JsonObject>>(StringComparer.Ordinal);
        var defaultGraph = new OrderedDictionary<string, JsonObject>(StringComparer.Ordinal);
        graphMap[DefaultGraph] = defaultGraph;
        // The spec's "referenced once": null once a node is referenced a second time.
        // Across all graphs, as a node shared between graphs is not a list node.
        var referencedOnce = new Dictionary<string, Usage?>(StringComparer.Ordinal);
        var nilUsages = new Dictionary<string, List<Usage>>(StringComparer.Ordinal);
        var compoundSubjects = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        // Values already present per (graph, subject, property), by their JSON text: the spec's
        // "no item equivalent to value" in constant time, for the values that need it.
        var seen = new HashSet<(string Graph, string Subject, string Property, string Value)>();

        // A dataset is a set: repeated quads must not count as a second reference to a list node.
        var distinct = new HashSet<Quad>();
        foreach (var quad in quads)
        {
            if (!distinct.Add(quad)) continue;
            string name = quad.Graph is null ? DefaultGraph : RdfToObject.Id(quad.Graph);
            if (!graphMap.TryGetValue(name, out var nodeMap))
            {
                nodeMap = new OrderedDictionary<string, JsonObject>(StringComparer.Ordinal);
                graphMap[name] = nodeMap;
            }
            if (name != DefaultGraph && !defaultGraph.ContainsKey(name)) defaultGraph[name] = new JsonObject { ["@id"] = name };

            string subject = RdfToObject.Id(quad.Subject);
            var node = NodeFor(nodeMap, subject);
            string predicate = quad.Predicate.Value;
            if (options.RdfDirection == RdfDirectionMode.CompoundLiteral && predicate == RdfDirection)
            {
                if (!compoundSubjects.TryGetValue(name, out var compound)) compoundSubjects[name] = compound = new HashSet<string>(StringComparer.Ordinal);
                compound.Add(subject);
            }

            string? objectId = quad.Object is Literal ? null : RdfToObject.Id(quad.Object);
            if (objectId is not null) NodeFor(nodeMap, objectId);

            if (predicate == RdfType && !options.UseRdfType && objectId is not null)
            {
                JsonLdJson.Entry(node, "@type", static () => new JsonArray()).Add(objectId);
                continue;
            }

            var value = RdfToObject.Convert(quad.Object, options);
            // Distinct quads give distinct values, except where a conversion merges lexical forms
            // (native numbers and booleans, JSON literals): only those need the equivalence check.
            if (!MayMergeLexicalForms(value) || seen.Add((name, subject, predicate, value.ToJsonString()))) JsonLdJson.Entry(node, predicate, static () => new JsonArray()).Add(value);

            if (objectId == RdfNil)
            {
                if (!nilUsages.TryGetValue(name, out var usages)) nilUsages[name] = usages = [];
                usages.Add(new Usage(node, predicate, value));
            }
            else if (objectId is not null && referencedOnce.ContainsKey(objectId))
            {
                referencedOnce[objectId] = null;
            }
            else if (quad.Object is BlankNode)
            {
                referencedOnce[objectId!] = new Usage(node, predicate, value);
            }
        }

        foreach (var (name, graphObject) in graphMap)
        {
            if (compoundSubjects.TryGetValue(name, out var compound)) ConvertCompoundLiterals(graphObject, compound, referencedOnce);
            if (nilUsages.TryGetValue(name, out var usages)) ConvertLists(graphObject, usages, referencedOnce);
        }

        var result = new JsonArray();
        foreach (var (subject, node) in InOrder(defaultGraph, options.Ordered))
        {
            if (TryGetNamedGraph(graphMap, subject, out var graph))
            {
                var members = new JsonArray();
                foreach (var (_, n) in InOrder(graph, options.Ordered))
                    if (!IsReferenceOnly(n)) members.Add(n);
                node["@graph"] = members;
            }
            if (!IsReferenceOnly(node)) result.Add(node);
        }
        return result;
    }

    private static bool TryGetNamedGraph(OrderedDictionary<string, OrderedDictionary<string, JsonObject>> graphMap, string subject,
        out OrderedDictionary<string, JsonObject> graph)
    {
        if (subject != DefaultGraph && graphMap.TryGetValue(subject, out var g))
        {
            graph = g;
            return true;
        }
        graph = null!;
        return false;
    }

    private static IEnumerable<KeyValuePair<string, JsonObject>> InOrder(OrderedDictionary<string, JsonObject> map, bool ordered) =>
        ordered ? map.OrderBy(p => p.Key, StringComparer.Ordinal) : map;

    private static bool MayMergeLexicalForms(JsonObject value) =>
        value.TryGetPropertyValue("@value", out var v) && (v is not JsonValue scalar || scalar.GetValueKind() != System.Text.Json.JsonValueKind.String);

    private static bool IsReferenceOnly(JsonObject node) => node.Count == 1 && node.ContainsKey("@id");

    private static JsonObject NodeFor(OrderedDictionary<string, JsonObject> nodeMap, string id)
    {
        if (!nodeMap.TryGetValue(id, out var node)) nodeMap[id] = node = new JsonObject { ["@id"] = id };
        return node;
    }

    /// <summary>
    /// Replaces each compound literal (a blank node with rdf:direction, referenced once) by a value
    /// object in the place it was referenced, and drops its node.
    /// </summary>
    private static void ConvertCompoundLiterals(OrderedDictionary<string, JsonObject> graphObject, HashSet<string> compound,
        Dictionary<string, Usage?> referencedOnce)
    {
        foreach (string cl in compound)
        {
            if (!referencedOnce.TryGetValue(cl, out var usage) || usage is null) continue;
            if (!graphObject.Remove(cl, out var clNode)) continue;
            if (usage.Node[usage.Property] is not JsonArray references) continue;
            foreach (var reference in references.OfType<JsonObject>())
            {
                if (reference["@id"]?.GetValue<string>() != cl) continue;
                reference.Remove("@id");
                reference["@value"] = FirstValue(clNode, RdfValue)?.DeepClone();
                if (FirstValue(clNode, RdfLanguage) is { } language)
                {
                    string tag = language.GetValue<string>();
                    if (!LanguageTags.IsWellFormed(tag)) throw FromRdfErrors.InvalidLanguageTaggedString(tag);
                    reference["@language"] = tag;
                }
                if (FirstValue(clNode, RdfDirection) is { } direction)
                {
                    string dir = direction.GetValue<string>();
                    if (dir is not ("ltr" or "rtl")) throw FromRdfErrors.InvalidBaseDirection(dir);
                    reference["@direction"] = dir;
                }
            }
        }
    }

    /// <summary>The <c>@value</c> of the first value of <paramref name="property"/> in a node, if it is a value object.</summary>
    private static JsonNode? FirstValue(JsonObject node, string property) =>
        node[property] is JsonArray { Count: > 0 } values && values[0] is JsonObject value && value.ContainsKey("@value") ? value["@value"] : null;

    /// <summary>
    /// Walks each rdf:nil usage back towards the list head while the nodes are well-formed list
    /// nodes (blank, referenced once, exactly one rdf:first and one rdf:rest, at most <c>@type rdf:List</c>),
    /// then turns the head value into <c>@list</c> and drops the list nodes.
    /// </summary>
    private static void ConvertLists(OrderedDictionary<string, JsonObject> graphObject, List<Usage> usages,
        Dictionary<string, Usage?> referencedOnce)
    {
        foreach (var usage in usages)
        {
            var (node, property, head) = (usage.Node, usage.Property, usage.Value);
            var list = new List<JsonNode?>();
            var listNodes = new List<string>();
            while (property == RdfRest && IsWellFormedListNode(node, referencedOnce, out string id))
            {
                // Moved, not copied: the item may itself be the head of a list converted later.
                var first = (JsonArray)node[RdfFirst]!;
                var item = first[0];
                first.RemoveAt(0);
                list.Add(item);
                listNodes.Add(id);
                var nodeUsage = referencedOnce[id]!;
                (node, property, head) = (nodeUsage.Node, nodeUsage.Property, nodeUsage.Value);
                if (!node["@id"]!.GetValue<string>().StartsWith("_:", StringComparison.Ordinal)) break;
            }
            head.Remove("@id");
            list.Reverse();
            var items = new JsonArray();
            foreach (var item in list) items.Add(item);
            head["@list"] = items;
            foreach (string id in listNodes) graphObject.Remove(id);
        }
    }

    private static bool IsWellFormedListNode(JsonObject node, Dictionary<string, Usage?> referencedOnce, out string id)
    {
        id = node["@id"]!.GetValue<string>();
        if (!id.StartsWith("_:", StringComparison.Ordinal)) return false;
        if (!referencedOnce.TryGetValue(id, out var once) || once is null) return false;
        if (node[RdfFirst] is not JsonArray { Count: 1 } || node[RdfRest] is not JsonArray { Count: 1 }) return false;
        int allowed = 3;
        if (node["@type"] is JsonArray types)
        {
            if (types.Count != 1 || types[0]?.GetValue<string>() != RdfList) return false;
            allowed = 4;
        }
        return node.Count == allowed;
    }
}
