using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd.Writing;

/// <summary>
/// Makes serialized RDF readable: a blank node referenced exactly once in its graph is written inside
/// the node that references it, without its identifier, instead of as a separate top-level node
/// (as Turtle's <c>[ ... ]</c>). Works on the expanded form from <see cref="FromRdf.RdfToJsonLd"/>;
/// reading the result back gives an isomorphic dataset. Blank nodes in reference cycles keep one
/// member of each cycle at the top level, so nothing is lost. Blank node labels are scoped to the
/// whole document, so a blank node that occurs in more than one graph keeps its identifier. Nesting
/// stops at <see cref="MaxDepth"/> levels, which keeps long chains readable by JSON parsers' depth limits.
/// </summary>
internal static class BlankNodeEmbedding
{
    public const int MaxDepth = 8;

    /// <summary>Embeds in the default graph (the expanded document) and in each named graph.</summary>
    public static void Apply(JsonArray document)
    {
        var graphsOf = new Dictionary<string, HashSet<JsonArray>>(StringComparer.Ordinal);
        CollectBlankNodes(document, graphsOf);
        var sharedAcrossGraphs = graphsOf.Where(p => p.Value.Count > 1).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        ApplyToGraph(document, sharedAcrossGraphs);
    }

    /// <summary>Every blank node identifier of the document, with the graphs (arrays of nodes) it occurs in.</summary>
    private static void CollectBlankNodes(JsonArray graph, Dictionary<string, HashSet<JsonArray>> graphsOf)
    {
        void Note(string? id)
        {
            if (id is null || !id.StartsWith("_:", StringComparison.Ordinal)) return;
            if (!graphsOf.TryGetValue(id, out var graphs)) graphsOf[id] = graphs = [];
            graphs.Add(graph);
        }
        foreach (var node in graph.OfType<JsonObject>())
        {
            Note(node["@id"]?.GetValue<string>());
            if (node["@type"] is JsonArray types)
                foreach (var t in types) Note(t?.GetValue<string>());
            foreach (var reference in References(node)) Note(reference["@id"]!.GetValue<string>());
            if (node["@graph"] is JsonArray inner)
            {
                CollectBlankNodes(inner, graphsOf);
                // A graph name is shared between the graph it names and the one it is described in.
                Note(node["@id"]?.GetValue<string>());
                if (node["@id"]?.GetValue<string>() is { } name && name.StartsWith("_:", StringComparison.Ordinal)) graphsOf[name].Add(inner);
            }
        }
    }

    private static void ApplyToGraph(JsonArray graph, HashSet<string> sharedAcrossGraphs)
    {
        foreach (var node in graph.OfType<JsonObject>())
            if (node["@graph"] is JsonArray inner) ApplyToGraph(inner, sharedAcrossGraphs);

        var byId = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var node in graph.OfType<JsonObject>())
            if (node["@id"]?.GetValue<string>() is { } id) byId[id] = node;

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in byId.Values) CountReferences(node, counts);

        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, node) in byId)
            if (id.StartsWith("_:", StringComparison.Ordinal) && counts.GetValueOrDefault(id) == 1 && !node.ContainsKey("@graph")
                && !sharedAcrossGraphs.Contains(id))
                candidates.Add(id);
        if (candidates.Count == 0) return;

        var embedded = new HashSet<string>(StringComparer.Ordinal);
        var roots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, node) in byId)
            if (!candidates.Contains(id)) Visit(id, node, byId, candidates, embedded, roots);
        // What is left sits in cycles of blank nodes only: one root per cycle.
        foreach (var (id, node) in byId)
            if (candidates.Contains(id) && !embedded.Contains(id) && !roots.Contains(id)) Visit(id, node, byId, candidates, embedded, roots);

        // Rebuilt rather than removed from one by one, which would move the array's tail each time.
        var kept = graph.Where(n => !(n is JsonObject node && node["@id"]?.GetValue<string>() is { } id && embedded.Contains(id))).ToList();
        graph.Clear();
        foreach (var node in kept) graph.Add(node);
    }

    private static void Visit(string id, JsonObject node, Dictionary<string, JsonObject> byId, HashSet<string> candidates,
        HashSet<string> embedded, HashSet<string> roots)
    {
        roots.Add(id);
        var stack = new Stack<(JsonObject Node, int Depth)>();
        stack.Push((node, 0));
        while (stack.Count > 0)
        {
            var (current, depth) = stack.Pop();
            if (depth >= MaxDepth) continue;
            foreach (var reference in References(current))
            {
                string target = reference["@id"]!.GetValue<string>();
                if (!candidates.Contains(target) || embedded.Contains(target) || roots.Contains(target) || !byId.TryGetValue(target, out var child)) continue;
                embedded.Add(target);
                // The child's entries move into the reference, which then has no @id: an embedded blank node.
                reference.Remove("@id");
                foreach (var (key, value) in child.ToList())
                {
                    if (key == "@id") continue;
                    child.Remove(key);
                    reference[key] = value;
                }
                stack.Push((reference, depth + 1));
            }
        }
    }

    /// <summary>The node references (<c>{"@id": ...}</c> alone) among the property values of a node, lists included.</summary>
    private static List<JsonObject> References(JsonObject node)
    {
        var result = new List<JsonObject>();
        foreach (var (key, value) in node)
        {
            if (key.StartsWith('@')) continue;
            if (value is JsonArray values) Collect(values, result);
        }
        return result;
    }

    private static void Collect(JsonArray values, List<JsonObject> result)
    {
        foreach (var item in values)
        {
            if (item is not JsonObject map) continue;
            if (map.Count == 1 && map.ContainsKey("@id")) result.Add(map);
            else if (map["@list"] is JsonArray list) Collect(list, result);
        }
    }

    private static void CountReferences(JsonObject node, Dictionary<string, int> counts)
    {
        foreach (var (key, value) in node)
        {
            if (key == "@type" && value is JsonArray types)
            {
                // A blank node used as a type cannot be embedded.
                foreach (var t in types)
                    if (t?.GetValue<string>() is { } type) counts[type] = counts.GetValueOrDefault(type) + 2;
                continue;
            }
            if (key.StartsWith('@') || value is not JsonArray values) continue;
            foreach (var reference in ReferencesIn(values))
            {
                string id = reference["@id"]!.GetValue<string>();
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }
    }

    private static List<JsonObject> ReferencesIn(JsonArray values)
    {
        var result = new List<JsonObject>();
        Collect(values, result);
        return result;
    }
}
