using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Context;

namespace DihNode.Rdf.Io.JsonLd.Compaction;

internal sealed partial class Compactor
{
    /// <summary>
    /// One value of a property (§6.1.2 step 12.8): chooses the term, compacts the value with it, and
    /// puts it where the term's container says: a list, a graph (map), a language/index/id/type map,
    /// or simply the property's entry.
    /// </summary>
    private void CompactItem(ActiveContext activeContext, bool insideReverse, JsonObject result, string expandedProperty, JsonNode? expandedItem)
    {
        string itemActiveProperty = CompactIri(activeContext, expandedProperty, expandedItem, vocab: true, reverse: insideReverse)!;
        var nestResult = NestResult(activeContext, result, itemActiveProperty);
        var definition = activeContext.Get(itemActiveProperty);
        var container = definition?.Container ?? ContainerMapping.None;
        bool asArray = container.Has(ContainerMapping.Set) || itemActiveProperty is Keywords.Graph or Keywords.List || !_compactArrays;

        var item = expandedItem as JsonObject;
        bool isList = item is not null && item.ContainsKey(Keywords.List);
        bool isGraph = item is not null && IsGraphObject(item);
        var toCompact = isList ? item![Keywords.List] : isGraph ? item![Keywords.Graph] : expandedItem;
        var compactedItem = Compact(activeContext, itemActiveProperty, toCompact);

        if (isList)
        {
            if (compactedItem is not JsonArray) compactedItem = new JsonArray(compactedItem);
            if (!container.Has(ContainerMapping.List))
            {
                var listObject = new JsonObject { [CompactIri(activeContext, Keywords.List, vocab: true)!] = compactedItem };
                if (item!.TryGetPropertyValue(Keywords.Index, out var index))
                    listObject[CompactIri(activeContext, Keywords.Index, vocab: true)!] = index?.DeepClone();
                AddValue(nestResult, itemActiveProperty, listObject, asArray);
            }
            else
            {
                nestResult[itemActiveProperty] = compactedItem;
            }
            return;
        }

        if (isGraph)
        {
            CompactGraphItem(activeContext, nestResult, itemActiveProperty, container, asArray, item!, compactedItem);
            return;
        }

        if ((container & (ContainerMapping.Language | ContainerMapping.Index | ContainerMapping.Id | ContainerMapping.Type)) != 0
            && !container.Has(ContainerMapping.Graph))
        {
            CompactMapItem(activeContext, nestResult, itemActiveProperty, definition!, asArray, item, compactedItem);
            return;
        }

        AddValue(nestResult, itemActiveProperty, compactedItem, asArray);
    }

    private void CompactGraphItem(ActiveContext activeContext, JsonObject nestResult, string itemActiveProperty, ContainerMapping container,
        bool asArray, JsonObject item, JsonNode? compactedItem)
    {
        if (container.Has(ContainerMapping.Graph | ContainerMapping.Id))
        {
            var mapObject = JsonLdJson.Entry(nestResult, itemActiveProperty, static () => new JsonObject());
            string mapKey = item.TryGetPropertyValue(Keywords.Id, out var id)
                ? CompactIri(activeContext, id!.GetValue<string>(), vocab: false)!
                : CompactIri(activeContext, Keywords.None, vocab: true)!;
            AddValue(mapObject, mapKey, compactedItem, asArray);
        }
        else if (container.Has(ContainerMapping.Graph | ContainerMapping.Index) && IsSimpleGraphObject(item))
        {
            var mapObject = JsonLdJson.Entry(nestResult, itemActiveProperty, static () => new JsonObject());
            string mapKey = item.TryGetPropertyValue(Keywords.Index, out var index) ? index!.GetValue<string>() : Keywords.None;
            AddValue(mapObject, mapKey, compactedItem, asArray);
        }
        else if (container.Has(ContainerMapping.Graph) && IsSimpleGraphObject(item))
        {
            // Several nodes would read as several graphs: keep them together under @included.
            if (compactedItem is JsonArray { Count: > 1 })
                compactedItem = new JsonObject { [CompactIri(activeContext, Keywords.Included, vocab: true)!] = compactedItem };
            AddValue(nestResult, itemActiveProperty, compactedItem, asArray);
        }
        else
        {
            var graphObject = new JsonObject { [CompactIri(activeContext, Keywords.Graph, vocab: true)!] = compactedItem };
            if (item.TryGetPropertyValue(Keywords.Id, out var id))
                graphObject[CompactIri(activeContext, Keywords.Id, vocab: true)!] = CompactIri(activeContext, id!.GetValue<string>(), vocab: false);
            if (item.TryGetPropertyValue(Keywords.Index, out var index))
                graphObject[CompactIri(activeContext, Keywords.Index, vocab: true)!] = index?.DeepClone();
            AddValue(nestResult, itemActiveProperty, graphObject, asArray);
        }
    }

    /// <summary>A value going into a language, index, id or type map (§6.1.2 step 12.8.9).</summary>
    private void CompactMapItem(ActiveContext activeContext, JsonObject nestResult, string itemActiveProperty, TermDefinition definition,
        bool asArray, JsonObject? item, JsonNode? compactedItem)
    {
        var container = definition.Container;
        var mapObject = JsonLdJson.Entry(nestResult, itemActiveProperty, static () => new JsonObject());
        string containerKeyword = container.Has(ContainerMapping.Language) ? Keywords.Language
            : container.Has(ContainerMapping.Index) ? Keywords.Index
            : container.Has(ContainerMapping.Id) ? Keywords.Id
            : Keywords.Type;
        string containerKey = CompactIri(activeContext, containerKeyword, vocab: true)!;
        string indexKey = definition.IndexMapping ?? Keywords.Index;
        string? mapKey = null;

        if (container.Has(ContainerMapping.Language) && item is not null && item.ContainsKey(Keywords.Value))
        {
            compactedItem = item[Keywords.Value]?.DeepClone();
            mapKey = JsonLdJson.AsString(item[Keywords.Language]);
        }
        else if (container.Has(ContainerMapping.Index) && indexKey == Keywords.Index)
        {
            mapKey = item is null ? null : JsonLdJson.AsString(item[Keywords.Index]);
        }
        else if (container.Has(ContainerMapping.Index))
        {
            // The key the index property got in the compacted item (its term may carry a type mapping).
            string expandedIndexKey = ExpandTerm(activeContext, indexKey);
            containerKey = (compactedItem as JsonObject)?.Select(p => p.Key).FirstOrDefault(k => ExpandTerm(activeContext, k) == expandedIndexKey)
                ?? CompactIri(activeContext, expandedIndexKey, vocab: true)!;
            mapKey = TakeFirst(compactedItem as JsonObject, containerKey);
        }
        else if (container.Has(ContainerMapping.Id))
        {
            if (compactedItem is JsonObject compactedMap && compactedMap.TryGetPropertyValue(containerKey, out var idValue))
            {
                mapKey = JsonLdJson.AsString(idValue);
                compactedMap.Remove(containerKey);
            }
        }
        else
        {
            var compactedMap = compactedItem as JsonObject;
            mapKey = TakeFirst(compactedMap, containerKey);
            if (compactedMap is { Count: 1 } && item is not null && item.TryGetPropertyValue(Keywords.Id, out var id)
                && ExpandTerm(activeContext, compactedMap.First().Key) == Keywords.Id)
                compactedItem = Compact(activeContext, itemActiveProperty, new JsonObject { [Keywords.Id] = id?.DeepClone() });
        }

        mapKey ??= CompactIri(activeContext, Keywords.None, vocab: true)!;
        AddValue(mapObject, mapKey, compactedItem, asArray);
    }

    /// <summary>
    /// Removes the first value of <paramref name="key"/> from <paramref name="map"/> and returns it
    /// (if a string); the remaining values stay (§6.1.2 steps 12.8.9.6.3 and 12.8.9.8.2).
    /// </summary>
    private static string? TakeFirst(JsonObject? map, string key)
    {
        if (map is null || !map.TryGetPropertyValue(key, out var value)) return null;
        if (value is JsonArray values)
        {
            var first = values.Count > 0 ? values[0] : null;
            string? result = JsonLdJson.AsString(first);
            if (result is null) return null;
            values.RemoveAt(0);
            if (values.Count == 0) map.Remove(key);
            else if (values.Count == 1)
            {
                var only = values[0];
                values.RemoveAt(0);
                map[key] = only;
            }
            return result;
        }
        string? single = JsonLdJson.AsString(value);
        if (single is not null) map.Remove(key);
        return single;
    }

    /// <summary>A graph object: <c>@graph</c>, and apart from it only <c>@id</c>, <c>@index</c> (JSON-LD 1.1 §9.4).</summary>
    private static bool IsGraphObject(JsonObject map)
    {
        if (!map.ContainsKey(Keywords.Graph)) return false;
        foreach (var (key, _) in map)
            if (key is not (Keywords.Graph or Keywords.Id or Keywords.Index or Keywords.Context)) return false;
        return true;
    }

    /// <summary>A graph object without <c>@id</c>.</summary>
    private static bool IsSimpleGraphObject(JsonObject map) => IsGraphObject(map) && !map.ContainsKey(Keywords.Id);

    /// <summary>What a key of a compacted map or an index mapping stands for (IRI expansion with the vocabulary mapping).</summary>
    private string ExpandTerm(ActiveContext context, string key) => _contexts.ExpandIri(context, key, vocab: true) ?? key;
}
