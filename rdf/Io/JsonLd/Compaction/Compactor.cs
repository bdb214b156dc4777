using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Context;

namespace DihNode.Rdf.Io.JsonLd.Compaction;

/// <summary>
/// The Compaction algorithm (JSON-LD 1.1 API §6.1, https://www.w3.org/TR/json-ld11-api/#compaction-algorithm):
/// shortens an expanded document with an active context: IRIs to terms, compact IRIs or relative
/// IRIs, values to their simplest form, and values into the maps their term's container asks for
/// (<c>@language</c>, <c>@index</c>, <c>@id</c>, <c>@type</c>, <c>@graph</c>). IRI and value compaction are in
/// the other parts of this class. The input is never changed; the output shares no nodes with it.
/// </summary>
internal sealed partial class Compactor
{
    private readonly ContextProcessor _contexts;
    private readonly bool _compactArrays;
    private readonly bool _ordered;
    private readonly bool _is10;

    public Compactor(ContextProcessor contexts, JsonLdOptions options)
    {
        _contexts = contexts;
        _compactArrays = options.CompactArrays;
        _ordered = options.Ordered;
        _is10 = options.ProcessingMode == JsonLdOptions.JsonLd10;
    }

    /// <summary>Compacts <paramref name="element"/> (expanded form) as the value of <paramref name="activeProperty"/>.</summary>
    public JsonNode? Compact(ActiveContext activeContext, string? activeProperty, JsonNode? element)
    {
        var typeScopedContext = activeContext;
        switch (element)
        {
            case null:
                return null;
            case JsonValue:
                return element.DeepClone();
            case JsonArray array:
                return CompactArray(activeContext, activeProperty, array);
        }
        var map = (JsonObject)element;

        // A type-scoped context does not propagate into node objects below the one that set it.
        if (activeContext.PreviousContext is { } previous && !map.ContainsKey(Keywords.Value) && !(map.Count == 1 && map.ContainsKey(Keywords.Id)))
            activeContext = previous;

        // The property's scoped context is the one of the context the property was found in, before any revert.
        var propertyDefinition = typeScopedContext.Get(activeProperty);
        if (propertyDefinition is { HasLocalContext: true })
            activeContext = _contexts.Process(activeContext, propertyDefinition.LocalContext, propertyDefinition.BaseUrl, overrideProtected: true);

        if (map.ContainsKey(Keywords.Value) || map.ContainsKey(Keywords.Id))
        {
            var compacted = CompactValue(activeContext, activeProperty, map);
            if (IsScalar(compacted) || activeContext.Get(activeProperty)?.TypeMapping == Keywords.Json) return compacted;
        }

        if (map.TryGetPropertyValue(Keywords.List, out var listValue) && Container(activeContext, activeProperty).Has(ContainerMapping.List))
            return Compact(activeContext, activeProperty, listValue);

        bool insideReverse = activeProperty == Keywords.Reverse;
        var result = new JsonObject();

        if (map.TryGetPropertyValue(Keywords.Type, out var types))
        {
            var compactedTypes = new List<string>();
            foreach (var type in AsArray(types))
                if (CompactIri(activeContext, type!.GetValue<string>(), vocab: true) is { } t) compactedTypes.Add(t);
            compactedTypes.Sort(StringComparer.Ordinal);
            foreach (string term in compactedTypes)
                if (typeScopedContext.Get(term) is { HasLocalContext: true } typeDefinition)
                    activeContext = _contexts.Process(activeContext, typeDefinition.LocalContext, typeDefinition.BaseUrl, propagate: false);
        }

        foreach (var (expandedProperty, expandedValue) in Entries(map))
            CompactEntry(activeContext, typeScopedContext, activeProperty, insideReverse, result, expandedProperty, expandedValue);
        return result;
    }

    private JsonNode CompactArray(ActiveContext activeContext, string? activeProperty, JsonArray array)
    {
        var result = new JsonArray();
        foreach (var item in array)
        {
            var compacted = Compact(activeContext, activeProperty, item);
            if (compacted is not null) result.Add(compacted);
        }
        if (result.Count != 1 || !_compactArrays || activeProperty is Keywords.Graph or Keywords.Set
            || Container(activeContext, activeProperty) is var c && (c.Has(ContainerMapping.List) || c.Has(ContainerMapping.Set)))
            return result;
        var only = result[0]!;
        result.RemoveAt(0);
        return only;
    }

    private IEnumerable<KeyValuePair<string, JsonNode?>> Entries(JsonObject map) =>
        _ordered ? map.OrderBy(p => p.Key, StringComparer.Ordinal) : map;

    /// <summary>One entry of a node or value object (§6.1.2 step 12).</summary>
    private void CompactEntry(ActiveContext activeContext, ActiveContext typeScopedContext, string? activeProperty, bool insideReverse,
        JsonObject result, string expandedProperty, JsonNode? expandedValue)
    {
        switch (expandedProperty)
        {
            case Keywords.Id:
            {
                var compactedValue = expandedValue is JsonValue v && v.TryGetValue<string>(out var id)
                    ? Str(CompactIri(activeContext, id, vocab: false))
                    : expandedValue?.DeepClone();
                result[CompactIri(activeContext, Keywords.Id, vocab: true)!] = compactedValue;
                return;
            }
            case Keywords.Type:
            {
                JsonNode? compactedValue;
                if (expandedValue is JsonValue v && v.TryGetValue<string>(out var type))
                {
                    compactedValue = Str(CompactIri(typeScopedContext, type, vocab: true));
                }
                else
                {
                    var list = new JsonArray();
                    foreach (var item in AsArray(expandedValue)) list.Add(Str(CompactIri(typeScopedContext, item!.GetValue<string>(), vocab: true)));
                    compactedValue = list;
                }
                string alias = CompactIri(activeContext, Keywords.Type, vocab: true)!;
                bool asArray = (!_is10 && Container(activeContext, alias).Has(ContainerMapping.Set)) || !_compactArrays;
                AddValue(result, alias, compactedValue, asArray);
                return;
            }
            case Keywords.Reverse:
            {
                var compactedValue = (JsonObject)Compact(activeContext, Keywords.Reverse, expandedValue)!;
                foreach (var (property, value) in compactedValue.ToList())
                {
                    var definition = activeContext.Get(property);
                    if (definition is not { IsReverse: true }) continue;
                    bool asArray = definition.Container.Has(ContainerMapping.Set) || !_compactArrays;
                    compactedValue.Remove(property);
                    AddValue(result, property, value, asArray);
                }
                if (compactedValue.Count > 0) result[CompactIri(activeContext, Keywords.Reverse, vocab: true)!] = compactedValue;
                return;
            }
            case Keywords.Preserve:
            {
                var compactedValue = Compact(activeContext, activeProperty, expandedValue);
                if (expandedValue is not JsonArray { Count: 0 }) result[Keywords.Preserve] = compactedValue;
                return;
            }
            case Keywords.Index when Container(activeContext, activeProperty).Has(ContainerMapping.Index):
                return;
            case Keywords.Direction or Keywords.Index or Keywords.Language or Keywords.Value:
                result[CompactIri(activeContext, expandedProperty, vocab: true)!] = expandedValue?.DeepClone();
                return;
        }

        if (expandedValue is JsonArray { Count: 0 })
        {
            string itemActiveProperty = CompactIri(activeContext, expandedProperty, expandedValue, vocab: true, reverse: insideReverse)!;
            var nestResult = NestResult(activeContext, result, itemActiveProperty);
            AddValue(nestResult, itemActiveProperty, new JsonArray(), asArray: true);
        }

        foreach (var expandedItem in AsArray(expandedValue))
            CompactItem(activeContext, insideReverse, result, expandedProperty, expandedItem);
    }

    /// <summary>The map a property's values go into: <paramref name="result"/>, or the nest object its term names (§6.1.2 step 12.8.2).</summary>
    private JsonObject NestResult(ActiveContext activeContext, JsonObject result, string itemActiveProperty)
    {
        if (activeContext.Get(itemActiveProperty)?.NestValue is not { } nestTerm) return result;
        if (nestTerm != Keywords.Nest && activeContext.Get(nestTerm)?.IriMapping != Keywords.Nest)
            throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, $"the @nest of term \"{itemActiveProperty}\" is \"{nestTerm}\", not @nest or an alias of it");
        if (result[nestTerm] is not JsonObject nest)
        {
            nest = new JsonObject();
            result[nestTerm] = nest;
        }
        return nest;
    }

    private static ContainerMapping Container(ActiveContext context, string? term) => context.Get(term)?.Container ?? ContainerMapping.None;

    private static JsonArray AsArray(JsonNode? node) => node as JsonArray ?? [node?.DeepClone()];

    private static JsonNode? Str(string? s) => s is null ? null : JsonValue.Create(s);

    private static bool IsScalar(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number
            or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False;

    /// <summary>
    /// The spec's "add value": <paramref name="value"/> (each item, if an array) goes into the
    /// <paramref name="key"/> entry, which becomes an array when it holds more than one value or
    /// <paramref name="asArray"/> asks for one.
    /// </summary>
    internal static void AddValue(JsonObject map, string key, JsonNode? value, bool asArray)
    {
        if (asArray && map.TryGetPropertyValue(key, out var current) && current is not JsonArray) map[key] = new JsonArray(Detach(map, key));
        else if (asArray && !map.ContainsKey(key)) map[key] = new JsonArray();

        if (value is JsonArray values)
        {
            foreach (var item in values.ToList())
            {
                values.Remove(item);
                AddValue(map, key, item, asArray: false);
            }
            return;
        }
        if (!map.TryGetPropertyValue(key, out var existing))
        {
            map[key] = value;
            return;
        }
        if (existing is not JsonArray target)
        {
            target = new JsonArray(Detach(map, key));
            map[key] = target;
        }
        target.Add(value);
    }

    private static JsonNode? Detach(JsonObject map, string key)
    {
        var node = map[key];
        map[key] = null;
        return node;
    }
}
