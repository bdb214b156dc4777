using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Context;

namespace DihNode.Rdf.Io.JsonLd.Expansion;

/// <summary>
/// The Expansion algorithm (JSON-LD 1.1 API §5.1.2, https://www.w3.org/TR/json-ld11-api/#expansion-algorithm).
/// Never changes its input: every JSON value placed in the output is a fresh node or a clone.
/// Recursion is bounded by <see cref="JsonLdOptions.MaxNestingDepth"/>.
/// </summary>
internal sealed partial class Expander
{
    private readonly ContextProcessor _contexts;
    private readonly bool _frameExpansion;
    private readonly bool _ordered;
    private readonly int _maxDepth;
    private int _depth;

    public Expander(ContextProcessor contexts)
    {
        _contexts = contexts;
        _frameExpansion = contexts.Options.FrameExpansion;
        _ordered = contexts.Options.Ordered;
        _maxDepth = contexts.Options.MaxNestingDepth;
    }

    private bool Is10 => _contexts.Options.IsJsonLd10;

    /// <summary>
    /// Expands a whole document (§9 expand() steps 6 to 8): the result is always an array; a lone
    /// top-level @graph object is replaced by its content.
    /// </summary>
    public JsonArray ExpandDocument(ActiveContext activeContext, JsonNode? document, string? baseUrl)
    {
        var expanded = Expand(activeContext, null, document, baseUrl);
        if (expanded is JsonObject map && map.Count == 1 && map.TryGetPropertyValue(Keywords.Graph, out var graph))
        {
            map.Remove(Keywords.Graph);
            expanded = graph;
        }
        return expanded switch
        {
            null => [],
            JsonArray array => array,
            _ => [expanded],
        };
    }

    /// <summary>§5.1.2: expands <paramref name="element"/>, the value of <paramref name="activeProperty"/>.</summary>
    public JsonNode? Expand(ActiveContext activeContext, string? activeProperty, JsonNode? element, string? baseUrl, bool fromMap = false)
    {
        if (element is null) return null;
        if (++_depth > _maxDepth)
            throw new JsonLdException(JsonLdErrorCode.InvalidJson, $"the document nests deeper than {_maxDepth} levels");
        try
        {
            return ExpandElement(activeContext, activeProperty, element, baseUrl, fromMap);
        }
        catch (JsonLdException e) when (!e.Data.Contains(JsonLdException.NodeKey))
        {
            e.Data[JsonLdException.NodeKey] = element; // the innermost element: where the error is reported
            throw;
        }
        finally
        {
            _depth--;
        }
    }

    private JsonNode? ExpandElement(ActiveContext activeContext, string? activeProperty, JsonNode element, string? baseUrl, bool fromMap)
    {
        var propertyDefinition = activeContext.Get(activeProperty);
        bool hasPropertyScope = propertyDefinition is { HasLocalContext: true };

        if (element is JsonValue scalar)
        {
            if (activeProperty is null or Keywords.Graph) return null;
            if (hasPropertyScope)
                activeContext = _contexts.Process(activeContext, propertyDefinition!.LocalContext, propertyDefinition.BaseUrl);
            return ExpandValue(activeContext, activeProperty, scalar);
        }

        if (element is JsonArray array)
        {
            var result = new JsonArray();
            bool listContainer = propertyDefinition is not null && propertyDefinition.Container.Has(ContainerMapping.List);
            foreach (var item in array)
            {
                var expandedItem = Expand(activeContext, activeProperty, item, baseUrl, fromMap);
                if (listContainer && expandedItem is JsonArray nested)
                    expandedItem = new JsonObject { [Keywords.List] = nested };
                AppendFlat(result, expandedItem);
            }
            return result;
        }

        var map = (JsonObject)element;
        if (activeContext.PreviousContext is not null && !fromMap && !KeepsPropagatedContext(activeContext, map))
            activeContext = activeContext.PreviousContext;
        if (hasPropertyScope)
            activeContext = _contexts.Process(activeContext, propertyDefinition!.LocalContext, propertyDefinition.BaseUrl, overrideProtected: true);
        if (map.TryGetPropertyValue(Keywords.Context, out var localContext))
            activeContext = _contexts.Process(activeContext, localContext, baseUrl);

        var typeScopedContext = activeContext;
        string? inputType = null;
        List<KeyValuePair<string, JsonNode?>>? typeEntries = null;
        foreach (var entry in map)
            if (_contexts.ExpandKey(activeContext, entry.Key) == Keywords.Type) (typeEntries ??= []).Add(entry);
        typeEntries?.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (key, value) in typeEntries ?? [])
        {
            var types = JsonLdJson.AsArray(value).Select(JsonLdJson.AsString).Where(t => t is not null).Order(StringComparer.Ordinal).ToList();
            foreach (var term in types)
                if (typeScopedContext.Get(term) is { HasLocalContext: true } typeTerm)
                    activeContext = _contexts.Process(activeContext, typeTerm.LocalContext, typeTerm.BaseUrl, propagate: false);
            if (inputType is null && value is not null)
            {
                var last = JsonLdJson.AsString(value is JsonArray a && a.Count > 0 ? a[^1] : value);
                if (last is not null) inputType = _contexts.ExpandKey(activeContext, last);
            }
        }

        var resultMap = new JsonObject();
        ExpandEntries(activeContext, typeScopedContext, activeProperty, map, resultMap, inputType, baseUrl);
        return PostProcess(activeProperty, resultMap);
    }

    /// <summary>§5.1.2 step 7: value objects and lone @id references keep a non-propagated context.</summary>
    private bool KeepsPropagatedContext(ActiveContext activeContext, JsonObject map)
    {
        bool onlyId = map.Count == 1;
        foreach (var (key, _) in map)
        {
            string? expanded = _contexts.ExpandKey(activeContext, key);
            if (expanded == Keywords.Value) return true;
            if (expanded != Keywords.Id) onlyId = false;
        }
        return onlyId;
    }

    /// <summary>Steps 15 to 20: checks value, list and set objects and drops what expands to nothing.</summary>
    private JsonNode? PostProcess(string? activeProperty, JsonObject result)
    {
        JsonNode? output = result;
        if (result.TryGetPropertyValue(Keywords.Value, out var value))
        {
            foreach (var (key, _) in result)
                if (key is not (Keywords.Direction or Keywords.Index or Keywords.Language or Keywords.Type or Keywords.Value))
                    JsonLdException.Throw(JsonLdErrorCode.InvalidValueObject, $"a value object cannot have \"{key}\"");
            if (result.ContainsKey(Keywords.Type) && (result.ContainsKey(Keywords.Language) || result.ContainsKey(Keywords.Direction)))
                JsonLdException.Throw(JsonLdErrorCode.InvalidValueObject, "a value object cannot have both @type and @language or @direction");
            var type = result[Keywords.Type];
            if (JsonLdJson.AsString(type) == Keywords.Json) { }
            else if (value is null || value is JsonArray { Count: 0 }) return null;
            else if (!JsonLdJson.IsString(value) && result.ContainsKey(Keywords.Language))
                JsonLdException.Throw(JsonLdErrorCode.InvalidLanguageTaggedValue, $"only strings can have a language, not {value.ToJsonString()}");
            else if (type is not null && (JsonLdJson.AsString(type) is not { } typeIri || Model.Iri.Validate(typeIri) is not null))
                JsonLdException.Throw(JsonLdErrorCode.InvalidTypedValue, $"the datatype {type.ToJsonString()} is not an IRI");
            else if (value is not JsonValue && !_frameExpansion)
                JsonLdException.Throw(JsonLdErrorCode.InvalidValueObjectValue, $"@value cannot be {value.ToJsonString()}");
        }
        else if (result.TryGetPropertyValue(Keywords.Type, out var types) && types is not JsonArray)
        {
            result[Keywords.Type] = new JsonArray(Detach(result, Keywords.Type));
        }
        else if (result.ContainsKey(Keywords.Set) || result.ContainsKey(Keywords.List))
        {
            if (result.Count > 2 || (result.Count == 2 && !result.ContainsKey(Keywords.Index)))
                JsonLdException.Throw(JsonLdErrorCode.InvalidSetOrListObject, "a @set or @list object may only have @index besides");
            if (result.ContainsKey(Keywords.Set)) output = Detach(result, Keywords.Set);
        }

        if (output is JsonObject single && single.Count == 1 && single.ContainsKey(Keywords.Language)) return null;
        if (activeProperty is null or Keywords.Graph && output is JsonObject top)
        {
            if (top.Count == 0 || top.ContainsKey(Keywords.Value) || top.ContainsKey(Keywords.List)) return null;
            if (top.Count == 1 && top.ContainsKey(Keywords.Id) && !_frameExpansion) return null;
        }
        return output;
    }

    /// <summary>Removes the entry <paramref name="key"/> from <paramref name="map"/> and returns its value, now parentless.</summary>
    private static JsonNode? Detach(JsonObject map, string key)
    {
        map.Remove(key, out var value);
        return value;
    }

    /// <summary>Appends <paramref name="value"/> to <paramref name="target"/>, the items of an array one by one; nulls are dropped.</summary>
    private static void AppendFlat(JsonArray target, JsonNode? value)
    {
        if (value is null) return;
        if (value is JsonArray items)
        {
            var list = items.ToList();
            items.Clear();
            foreach (var item in list)
                if (item is not null) target.Add(item);
        }
        else
        {
            if (value.Parent is not null) value = value.DeepClone();
            target.Add(value);
        }
    }

    /// <summary>Adds <paramref name="value"/> to the array at <paramref name="key"/> of <paramref name="map"/> (created if missing).</summary>
    private static void AddValue(JsonObject map, string key, JsonNode? value)
    {
        if (value is JsonArray { Parent: null } fresh && !map.ContainsKey(key))
        {
            map[key] = fresh; // the common case: the expanded array becomes the entry, no copy
            return;
        }
        if (!map.TryGetPropertyValue(key, out var existing) || existing is not JsonArray array)
        {
            array = [];
            if (existing is not null)
            {
                map.Remove(key);
                array.Add(existing);
            }
            map[key] = array;
        }
        AppendFlat(array, value);
    }

    /// <summary>Entries in document order, or by key in code-point order when ordered output was asked for.</summary>
    private IEnumerable<KeyValuePair<string, JsonNode?>> SortedEntries(JsonObject map) =>
        _ordered ? map.OrderBy(e => e.Key, StringComparer.Ordinal).ToList() : map;

    internal static bool IsListObject(JsonNode? n) => n is JsonObject o && o.ContainsKey(Keywords.List);

    internal static bool IsValueObject(JsonNode? n) => n is JsonObject o && o.ContainsKey(Keywords.Value);

    internal static bool IsGraphObject(JsonNode? n) =>
        n is JsonObject o && o.ContainsKey(Keywords.Graph) && o.All(e => e.Key is Keywords.Graph or Keywords.Id or Keywords.Index or Keywords.Context);

    internal static bool IsNodeObject(JsonNode? n) =>
        n is JsonObject o && !o.ContainsKey(Keywords.Value) && !o.ContainsKey(Keywords.List) && !o.ContainsKey(Keywords.Set);
}
