using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Context;

namespace DihNode.Rdf.Io.JsonLd.Expansion;

internal sealed partial class Expander
{
    /// <summary>§5.1.2 steps 13 and 14: expands the entries of <paramref name="element"/> into <paramref name="result"/>.</summary>
    private void ExpandEntries(ActiveContext activeContext, ActiveContext typeScopedContext, string? activeProperty,
        JsonObject element, JsonObject result, string? inputType, string? baseUrl)
    {
        var nests = new List<string>();
        foreach (var (key, value) in SortedEntries(element))
        {
            if (key == Keywords.Context) continue;
            string? expandedProperty = _contexts.ExpandKey(activeContext, key);
            if (expandedProperty is null || (!expandedProperty.Contains(':') && !Keywords.IsKeyword(expandedProperty))) continue;

            if (Keywords.IsKeyword(expandedProperty))
            {
                if (activeProperty == Keywords.Reverse)
                    JsonLdException.Throw(JsonLdErrorCode.InvalidReversePropertyMap, $"a reverse property map cannot hold the keyword {expandedProperty}");
                if (result.ContainsKey(expandedProperty) && !(expandedProperty is Keywords.Included or Keywords.Type && !Is10))
                    JsonLdException.Throw(JsonLdErrorCode.CollidingKeywords, $"{expandedProperty} appears more than once (through aliases)");
                if (expandedProperty == Keywords.Nest)
                {
                    nests.Add(key);
                    continue;
                }
                ExpandKeyword(activeContext, typeScopedContext, activeProperty, expandedProperty, value, result, inputType, baseUrl);
                continue;
            }

            var definition = activeContext.Get(key);
            var container = definition?.Container ?? ContainerMapping.None;
            JsonNode? expandedValue;
            if (definition?.TypeMapping == Keywords.Json)
            {
                expandedValue = new JsonObject { [Keywords.Value] = JsonLdJson.Clone(value), [Keywords.Type] = Keywords.Json };
            }
            else if (container.Has(ContainerMapping.Language) && value is JsonObject languageMap)
            {
                expandedValue = ExpandLanguageMap(activeContext, definition!, languageMap);
            }
            else if ((container & (ContainerMapping.Index | ContainerMapping.Type | ContainerMapping.Id)) != 0 && value is JsonObject indexMap)
            {
                expandedValue = ExpandIndexMap(activeContext, key, definition!, indexMap, baseUrl);
            }
            else
            {
                expandedValue = Expand(activeContext, key, value, baseUrl);
            }
            if (expandedValue is null) continue;

            if (container.Has(ContainerMapping.List) && !IsListObject(expandedValue))
                expandedValue = new JsonObject { [Keywords.List] = ToArray(expandedValue) };
            if (container.Has(ContainerMapping.Graph) && !container.Has(ContainerMapping.Id) && !container.Has(ContainerMapping.Index))
            {
                var graphs = new JsonArray();
                foreach (var item in ToArray(expandedValue).ToList())
                {
                    item!.Parent?.AsArray().Remove(item);
                    graphs.Add(new JsonObject { [Keywords.Graph] = ToArray(item) });
                }
                expandedValue = graphs;
            }

            if (definition is { IsReverse: true })
            {
                var reverseMap = result[Keywords.Reverse] as JsonObject;
                if (reverseMap is null) result[Keywords.Reverse] = reverseMap = new JsonObject();
                foreach (var item in ToArray(expandedValue))
                    if (IsValueObject(item) || IsListObject(item))
                        JsonLdException.Throw(JsonLdErrorCode.InvalidReversePropertyValue, $"the reverse property \"{key}\" cannot take a value or list object");
                AddValue(reverseMap, expandedProperty, ToArray(expandedValue));
            }
            else
            {
                AddValue(result, expandedProperty, ToArray(expandedValue));
            }
        }

        foreach (string nestKey in _ordered ? nests.Order(StringComparer.Ordinal).ToList() : nests)
        {
            var nestContext = activeContext;
            if (activeContext.Get(nestKey) is { HasLocalContext: true } nestTerm)
                nestContext = _contexts.Process(activeContext, nestTerm.LocalContext, nestTerm.BaseUrl, overrideProtected: true);
            foreach (var nested in JsonLdJson.AsArray(element[nestKey]).ToList())
            {
                if (nested is not JsonObject nestedMap
                    || nestedMap.Any(e => _contexts.ExpandKey(nestContext, e.Key) == Keywords.Value))
                    throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, $"the value of \"{nestKey}\" must be a node object");
                ExpandEntries(nestContext, typeScopedContext, activeProperty, nestedMap, result, inputType, baseUrl);
            }
        }
    }

    /// <summary>An array holding <paramref name="value"/> (the array itself when it is one).</summary>
    private static JsonArray ToArray(JsonNode? value)
    {
        if (value is JsonArray array) return array;
        var result = new JsonArray();
        if (value is not null) result.Add(value.Parent is null ? value : value.DeepClone());
        return result;
    }

    /// <summary>§5.1.2 step 13.7: a language map to language-tagged strings.</summary>
    private JsonArray ExpandLanguageMap(ActiveContext activeContext, TermDefinition definition, JsonObject languageMap)
    {
        var result = new JsonArray();
        string? direction = definition.HasDirection ? definition.DirectionMapping : activeContext.DefaultDirection;
        foreach (var (language, languageValue) in SortedEntries(languageMap))
        {
            foreach (var item in JsonLdJson.AsArray(languageValue).ToList())
            {
                if (item is null) continue;
                if (!JsonLdJson.IsString(item))
                    JsonLdException.Throw(JsonLdErrorCode.InvalidLanguageMapValue, $"language map values must be strings, not {item.ToJsonString()}");
                var v = new JsonObject { [Keywords.Value] = JsonLdJson.Clone(item) };
                if (language != Keywords.None && _contexts.ExpandKey(activeContext, language) != Keywords.None)
                    v[Keywords.Language] = language;
                if (direction is not null) v[Keywords.Direction] = direction;
                result.Add(v);
            }
        }
        return result;
    }

    /// <summary>§5.1.2 step 13.8: index, id and type maps.</summary>
    private JsonArray ExpandIndexMap(ActiveContext activeContext, string key, TermDefinition definition, JsonObject indexMap, string? baseUrl)
    {
        var container = definition.Container;
        var result = new JsonArray();
        string indexKey = definition.IndexMapping ?? Keywords.Index;
        foreach (var (index, indexValue) in SortedEntries(indexMap))
        {
            var mapContext = activeContext;
            if (container.Has(ContainerMapping.Id) || container.Has(ContainerMapping.Type))
                mapContext = activeContext.PreviousContext ?? activeContext;
            if (container.Has(ContainerMapping.Type) && mapContext.Get(index) is { HasLocalContext: true } indexTerm)
                mapContext = _contexts.Process(mapContext, indexTerm.LocalContext, indexTerm.BaseUrl);
            else if (!container.Has(ContainerMapping.Id) && !container.Has(ContainerMapping.Type))
                mapContext = activeContext;
            string? expandedIndex = _contexts.ExpandKey(activeContext, index);
            var indexItems = JsonLdJson.Clone(indexValue) is { } copy ? copy as JsonArray ?? [copy] : [];
            var items = ToArray(Expand(mapContext, key, indexItems, baseUrl, fromMap: true));
            foreach (var node in items.ToList())
            {
                items.Remove(node);
                var item = node;
                if (container.Has(ContainerMapping.Graph) && !IsGraphObject(item))
                    item = new JsonObject { [Keywords.Graph] = ToArray(item) };
                var itemMap = item as JsonObject;
                if (container.Has(ContainerMapping.Index) && indexKey != Keywords.Index && expandedIndex != Keywords.None)
                {
                    var reExpanded = ExpandValue(activeContext, indexKey, JsonValue.Create(index));
                    string? expandedIndexKey = _contexts.ExpandKey(activeContext, indexKey);
                    if (itemMap is null || expandedIndexKey is null) continue;
                    if (IsValueObject(itemMap))
                        JsonLdException.Throw(JsonLdErrorCode.InvalidValueObject, $"a value in the property-valued index \"{key}\" must be a node");
                    var values = new JsonArray(reExpanded);
                    if (itemMap.Remove(expandedIndexKey, out var existing)) AppendFlat(values, existing);
                    itemMap[expandedIndexKey] = values;
                }
                else if (container.Has(ContainerMapping.Index) && itemMap is not null && !itemMap.ContainsKey(Keywords.Index) && expandedIndex != Keywords.None)
                {
                    itemMap[Keywords.Index] = index;
                }
                else if (container.Has(ContainerMapping.Id) && itemMap is not null && !itemMap.ContainsKey(Keywords.Id) && expandedIndex != Keywords.None)
                {
                    itemMap[Keywords.Id] = _contexts.ExpandIri(activeContext, index, documentRelative: true);
                }
                else if (container.Has(ContainerMapping.Type) && itemMap is not null && expandedIndex != Keywords.None)
                {
                    var types = new JsonArray(JsonValue.Create(expandedIndex));
                    if (itemMap.Remove(Keywords.Type, out var existing)) AppendFlat(types, existing);
                    itemMap[Keywords.Type] = types;
                }
                result.Add(item);
            }
        }
        return result;
    }
}
