using System.Text.Json;
using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Context;

namespace DihNode.Rdf.Io.JsonLd.Expansion;

internal sealed partial class Expander
{
    /// <summary>§5.1.2 step 13.4: an entry whose key expands to a keyword.</summary>
    private void ExpandKeyword(ActiveContext activeContext, ActiveContext typeScopedContext, string? activeProperty,
        string keyword, JsonNode? value, JsonObject result, string? inputType, string? baseUrl)
    {
        JsonNode? expandedValue = null;
        switch (keyword)
        {
            case Keywords.Id:
                if (JsonLdJson.AsString(value) is { } id)
                {
                    expandedValue = _contexts.ExpandIri(activeContext, id, documentRelative: true);
                    if (expandedValue is null)
                    {
                        result[Keywords.Id] = null; // "@"-keyword-like IRIs are ignored: the node keeps no identifier
                        return;
                    }
                }
                else if (_frameExpansion && value is JsonObject { Count: 0 })
                {
                    expandedValue = new JsonObject();
                }
                else if (_frameExpansion && value is JsonArray ids && ids.All(JsonLdJson.IsString))
                {
                    expandedValue = new JsonArray(ids.Select(i => (JsonNode?)JsonValue.Create(_contexts.ExpandIri(activeContext, JsonLdJson.AsString(i), documentRelative: true))).ToArray());
                }
                else
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidIdValue, $"@id must be a string, not {value?.ToJsonString() ?? "null"}");
                }
                break;

            case Keywords.Type:
                expandedValue = ExpandTypeValue(typeScopedContext, value);
                if (result.TryGetPropertyValue(Keywords.Type, out var existingTypes))
                {
                    var merged = new JsonArray();
                    result.Remove(Keywords.Type);
                    AppendFlat(merged, existingTypes);
                    AppendFlat(merged, expandedValue);
                    expandedValue = merged;
                }
                break;

            case Keywords.Graph:
                expandedValue = ToArray(Expand(activeContext, Keywords.Graph, value, baseUrl));
                break;

            case Keywords.Included:
                if (Is10) return;
                var included = ToArray(Expand(activeContext, Keywords.Included, value, baseUrl));
                foreach (var item in included)
                    if (!IsNodeObject(item))
                        JsonLdException.Throw(JsonLdErrorCode.InvalidIncludedValue, "@included must hold node objects");
                if (result.TryGetPropertyValue(Keywords.Included, out var existingIncluded))
                {
                    result.Remove(Keywords.Included);
                    var merged = new JsonArray();
                    AppendFlat(merged, existingIncluded);
                    AppendFlat(merged, included);
                    included = merged;
                }
                expandedValue = included;
                break;

            case Keywords.Value:
                if (inputType == Keywords.Json)
                {
                    if (Is10) JsonLdException.Throw(JsonLdErrorCode.InvalidValueObjectValue, "@json needs json-ld-1.1");
                    expandedValue = JsonLdJson.Clone(value);
                    if (value is null)
                    {
                        result[Keywords.Value] = null;
                        return;
                    }
                }
                else if (value is null)
                {
                    result[Keywords.Value] = null;
                    return;
                }
                else if (JsonLdJson.IsScalar(value) || (_frameExpansion && (value is JsonObject { Count: 0 } || value is JsonArray fa && fa.All(JsonLdJson.IsScalar))))
                {
                    expandedValue = JsonLdJson.Clone(value);
                }
                else
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidValueObjectValue, $"@value must be a string, number, boolean or null, not {value.ToJsonString()}");
                }
                break;

            case Keywords.Language:
                if (JsonLdJson.AsString(value) is { } language)
                    expandedValue = language;
                else if (_frameExpansion && value is JsonObject { Count: 0 } or JsonArray)
                    expandedValue = JsonLdJson.Clone(value);
                else
                    throw new JsonLdException(JsonLdErrorCode.InvalidLanguageTaggedString, $"@language must be a string, not {value?.ToJsonString() ?? "null"}");
                break;

            case Keywords.Direction:
                if (Is10) return;
                if (JsonLdJson.AsString(value) is "ltr" or "rtl")
                    expandedValue = JsonLdJson.Clone(value);
                else if (_frameExpansion && value is JsonObject { Count: 0 } or JsonArray)
                    expandedValue = JsonLdJson.Clone(value);
                else
                    throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, $"@direction must be \"ltr\" or \"rtl\", not {value?.ToJsonString() ?? "null"}");
                break;

            case Keywords.Index:
                if (JsonLdJson.AsString(value) is null)
                    throw new JsonLdException(JsonLdErrorCode.InvalidIndexValue, $"@index must be a string, not {value?.ToJsonString() ?? "null"}");
                expandedValue = JsonLdJson.Clone(value);
                break;

            case Keywords.List:
                if (activeProperty is null or Keywords.Graph) return;
                expandedValue = ToArray(Expand(activeContext, activeProperty, value, baseUrl));
                break;

            case Keywords.Set:
                expandedValue = Expand(activeContext, activeProperty, value, baseUrl);
                break;

            case Keywords.Reverse:
                if (value is not JsonObject)
                    throw new JsonLdException(JsonLdErrorCode.InvalidReverseValue, "@reverse must be an object");
                ExpandReverse(activeContext, value, result, baseUrl);
                return;

            case Keywords.Default or Keywords.Embed or Keywords.Explicit or Keywords.OmitDefault or Keywords.RequireAll:
                if (!_frameExpansion) return;
                expandedValue = Expand(activeContext, activeProperty, value, baseUrl);
                break;

            default:
                return; // @context, @container, @prefix ... used as properties: nothing to keep
        }

        if (expandedValue is not null) result[keyword] = expandedValue;
    }

    /// <summary>§5.1.2 step 13.4.4: @type values are IRIs expanded with the type-scoped context.</summary>
    private JsonNode ExpandTypeValue(ActiveContext typeScopedContext, JsonNode? value)
    {
        if (JsonLdJson.AsString(value) is { } single)
            return JsonValue.Create(ExpandTypeIri(typeScopedContext, single))!;
        if (value is JsonArray array && array.All(JsonLdJson.IsString))
            return new JsonArray(array.Select(t => (JsonNode?)JsonValue.Create(ExpandTypeIri(typeScopedContext, JsonLdJson.AsString(t)!))).ToArray());
        if (_frameExpansion && value is JsonObject frameMap)
        {
            if (frameMap.Count == 0) return new JsonObject();
            if (frameMap.Count == 1 && JsonLdJson.AsString(frameMap[Keywords.Default]) is { } defaultType)
                return new JsonObject { [Keywords.Default] = ExpandTypeIri(typeScopedContext, defaultType) };
        }
        throw new JsonLdException(JsonLdErrorCode.InvalidTypeValue, $"@type must be a string or an array of strings, not {value?.ToJsonString() ?? "null"}");
    }

    private string? ExpandTypeIri(ActiveContext context, string type) =>
        _contexts.ExpandIri(context, type, documentRelative: true, vocab: true);

    /// <summary>§5.1.2 step 13.4.13: a reverse property map.</summary>
    private void ExpandReverse(ActiveContext activeContext, JsonNode value, JsonObject result, string? baseUrl)
    {
        if (Expand(activeContext, Keywords.Reverse, value, baseUrl) is not JsonObject expanded) return;
        if (expanded.Remove(Keywords.Reverse, out var doubleReversed) && doubleReversed is JsonObject forward)
        {
            foreach (var (property, items) in forward.ToList())
            {
                forward.Remove(property);
                AddValue(result, property, items);
            }
        }
        if (expanded.Count == 0) return;
        var reverseMap = result[Keywords.Reverse] as JsonObject;
        if (reverseMap is null) result[Keywords.Reverse] = reverseMap = new JsonObject();
        foreach (var (property, items) in expanded.ToList())
        {
            expanded.Remove(property);
            foreach (var item in JsonLdJson.AsArray(items))
                if (IsValueObject(item) || IsListObject(item))
                    JsonLdException.Throw(JsonLdErrorCode.InvalidReversePropertyValue, $"the reverse property <{property}> cannot take a value or list object");
            AddValue(reverseMap, property, items);
        }
    }

    /// <summary>
    /// Value Expansion (§5.3.2, https://www.w3.org/TR/json-ld11-api/#value-expansion): a scalar to a
    /// value object, or to a node reference when the term's type is @id or @vocab.
    /// </summary>
    internal JsonObject ExpandValue(ActiveContext activeContext, string? activeProperty, JsonValue value)
    {
        var definition = activeContext.Get(activeProperty);
        string? typeMapping = definition?.TypeMapping;
        if (typeMapping == Keywords.Id && JsonLdJson.AsString(value) is { } idRef)
            return new JsonObject { [Keywords.Id] = _contexts.ExpandIri(activeContext, idRef, documentRelative: true) };
        if (typeMapping == Keywords.Vocab && JsonLdJson.AsString(value) is { } vocabRef)
            return new JsonObject { [Keywords.Id] = _contexts.ExpandIri(activeContext, vocabRef, documentRelative: true, vocab: true) };

        var result = new JsonObject { [Keywords.Value] = value.DeepClone() };
        if (typeMapping is not null and not (Keywords.Id or Keywords.Vocab or Keywords.None))
        {
            result[Keywords.Type] = typeMapping;
        }
        else if (value.GetValueKind() == JsonValueKind.String)
        {
            string? language = definition is { HasLanguage: true } ? definition.LanguageMapping : activeContext.DefaultLanguage;
            string? direction = definition is { HasDirection: true } ? definition.DirectionMapping : activeContext.DefaultDirection;
            if (language is not null) result[Keywords.Language] = language;
            if (direction is not null) result[Keywords.Direction] = direction;
        }
        return result;
    }
}
