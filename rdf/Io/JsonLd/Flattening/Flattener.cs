using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.NodeMap;

namespace DihNode.Rdf.Io.JsonLd.Flattening;

/// <summary>
/// The Flattening algorithm (JSON-LD 1.1 API §7.1, https://www.w3.org/TR/json-ld11-api/#flattening-algorithm):
/// every node of an expanded document collected by Node Map Generation into one node object per
/// identifier, blank nodes labelled; named graphs become <c>@graph</c> of the node named like them.
/// </summary>
internal static class Flattener
{
    /// <summary>The flattened form of <paramref name="expanded"/> (consumed: the node map takes its entries).</summary>
    public static JsonArray Flatten(JsonNode? expanded, bool ordered)
    {
        var generator = new NodeMapGenerator();
        generator.Add(expanded);
        var defaultGraph = generator.Graph(NodeMapGenerator.DefaultGraph);

        foreach (var (graphName, graph) in InOrder(generator.Graphs, ordered))
        {
            if (graphName == NodeMapGenerator.DefaultGraph) continue;
            if (!defaultGraph.TryGetValue(graphName, out var entry)) defaultGraph[graphName] = entry = new JsonObject { [Keywords.Id] = graphName };
            var members = new JsonArray();
            foreach (var (_, node) in InOrder(graph, ordered))
                if (!IsReferenceOnly(node)) members.Add(Detached(node));
            entry[Keywords.Graph] = members;
        }

        var flattened = new JsonArray();
        foreach (var (_, node) in InOrder(defaultGraph, ordered))
            if (!IsReferenceOnly(node)) flattened.Add(Detached(node));
        return flattened;
    }

    private static IEnumerable<KeyValuePair<string, T>> InOrder<T>(Dictionary<string, T> map, bool ordered) =>
        ordered ? map.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() : map.ToList();

    private static bool IsReferenceOnly(JsonObject node) => node.Count == 1 && node.ContainsKey(Keywords.Id);

    private static JsonObject Detached(JsonObject node) => node.Parent is null ? node : (JsonObject)node.DeepClone();
}
