using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd.NodeMap;

/// <summary>
/// Node Map Generation (JSON-LD 1.1 API §7.2, https://www.w3.org/TR/json-ld11-api/#node-map-generation):
/// gathers the nodes of an expanded document by graph name ("@default" for the default graph) and
/// @id, relabelling blank nodes through one <see cref="BlankNodeIdGenerator"/>. The node map is
/// graph name -> (@id -> node object), each node object holding arrays of expanded values.
/// Consumes the expanded input: entries are removed from it as they are moved into the map.
/// </summary>
internal sealed class NodeMapGenerator
{
    public const string DefaultGraph = "@default";

    public NodeMapGenerator(BlankNodeIdGenerator? identifiers = null) => Identifiers = identifiers ?? new BlankNodeIdGenerator();

    public BlankNodeIdGenerator Identifiers { get; }

    /// <summary>The node map built so far: graph name -> subject -> node object.</summary>
    public Dictionary<string, Dictionary<string, JsonObject>> Graphs { get; } = new(StringComparer.Ordinal)
    {
        [DefaultGraph] = new(StringComparer.Ordinal),
    };

    /// <summary>Adds the nodes of an expanded document (or element) to <see cref="Graphs"/>.</summary>
    public void Add(JsonNode? element) => Generate(element, DefaultGraph, null, null, null);

    /// <summary>The graph named <paramref name="graphName"/>, created when missing.</summary>
    public Dictionary<string, JsonObject> Graph(string graphName)
    {
        if (!Graphs.TryGetValue(graphName, out var graph)) Graphs[graphName] = graph = new(StringComparer.Ordinal);
        return graph;
    }

    /// <param name="activeSubject">A subject @id (string), or for reverse properties a node reference (JsonObject).</param>
    private void Generate(JsonNode? element, string activeGraph, object? activeSubject, string? activeProperty, JsonObject? list)
    {
        if (element is JsonArray array)
        {
            // Detach the items (the input is consumed), so value objects move into the map without copies.
            var items = array.ToList();
            array.Clear();
            foreach (var item in items) Generate(item, activeGraph, activeSubject, activeProperty, list);
            return;
        }
        if (element is not JsonObject map) return;

        var graph = Graph(activeGraph);
        JsonObject? subjectNode = activeSubject is string subjectId ? graph.GetValueOrDefault(subjectId) : null;

        if (map.TryGetPropertyValue(Keywords.Type, out var types) && types is not null)
        {
            var relabelled = new JsonArray();
            foreach (var type in JsonLdJson.AsArray(types))
            {
                string? t = JsonLdJson.AsString(type);
                relabelled.Add(BlankNodeIdGenerator.IsBlankNodeId(t) ? Identifiers.Generate(t) : JsonLdJson.Clone(type));
            }
            map[Keywords.Type] = types is JsonArray ? relabelled : relabelled[0]!.DeepClone();
        }

        if (map.ContainsKey(Keywords.Value))
        {
            var value = map.Parent is null ? map : map.DeepClone();
            if (list is null) AddUnique(subjectNode!, activeProperty!, value);
            else ((JsonArray)list[Keywords.List]!).Add(value);
            return;
        }

        if (map.TryGetPropertyValue(Keywords.List, out var listItems))
        {
            var result = new JsonObject { [Keywords.List] = new JsonArray() };
            Generate(listItems, activeGraph, activeSubject, activeProperty, result);
            if (list is null) Append(subjectNode!, activeProperty!, result);
            else ((JsonArray)list[Keywords.List]!).Add(result);
            return;
        }

        string id;
        bool hasId = map.Remove(Keywords.Id, out var idNode);
        if (hasId && idNode is null) return; // an identifier expansion ignored ("@" + letters): so is the node
        if (hasId && JsonLdJson.AsString(idNode) is { } givenId)
            id = BlankNodeIdGenerator.IsBlankNodeId(givenId) ? Identifiers.Generate(givenId) : givenId;
        else
            id = Identifiers.Generate(null);

        if (!graph.TryGetValue(id, out var node)) graph[id] = node = new JsonObject { [Keywords.Id] = id };

        if (activeSubject is JsonObject reverseReference)
        {
            AddUnique(node, activeProperty!, reverseReference.DeepClone());
        }
        else if (activeProperty is not null)
        {
            var reference = new JsonObject { [Keywords.Id] = id };
            if (list is null) AddUnique(subjectNode!, activeProperty, reference);
            else ((JsonArray)list[Keywords.List]!).Add(reference);
        }

        if (map.Remove(Keywords.Type, out var nodeTypes))
            foreach (var type in JsonLdJson.AsArray(nodeTypes))
                AddUnique(node, Keywords.Type, JsonLdJson.Clone(type));

        if (map.Remove(Keywords.Index, out var index))
        {
            if (node.TryGetPropertyValue(Keywords.Index, out var existingIndex) && !JsonNode.DeepEquals(existingIndex, index))
                JsonLdException.Throw(JsonLdErrorCode.ConflictingIndexes, $"the node <{id}> has two different @index values");
            node[Keywords.Index] = index;
        }

        if (map.Remove(Keywords.Reverse, out var reverse) && reverse is JsonObject reverseMap)
        {
            var referenced = new JsonObject { [Keywords.Id] = id };
            foreach (var (property, values) in reverseMap.ToList())
                foreach (var value in JsonLdJson.AsArray(values).ToList())
                    Generate(value, activeGraph, referenced, property, null);
        }

        if (map.Remove(Keywords.Graph, out var graphContent))
            Generate(graphContent, id, null, null, null);

        if (map.Remove(Keywords.Included, out var included))
            Generate(included, activeGraph, null, null, null);

        foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal).ToList())
        {
            string property = BlankNodeIdGenerator.IsBlankNodeId(key) ? Identifiers.Generate(key) : key;
            if (!node.ContainsKey(property)) node[property] = new JsonArray();
            Generate(value, activeGraph, id, property, null);
        }
    }

    /// <summary>Appends <paramref name="value"/> to the array at <paramref name="property"/> unless an equal value is there.</summary>
    internal static void AddUnique(JsonObject node, string property, JsonNode? value)
    {
        if (node[property] is not JsonArray array) node[property] = array = [];
        foreach (var existing in array)
            if (JsonNode.DeepEquals(existing, value)) return;
        array.Add(value);
    }

    private static void Append(JsonObject node, string property, JsonNode value)
    {
        if (node[property] is not JsonArray array) node[property] = array = [];
        array.Add(value);
    }
}
