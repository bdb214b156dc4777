using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Context;

namespace DihNode.Rdf.Io.JsonLd.Compaction;

internal sealed partial class Compactor
{
    /// <summary>
    /// Value Compaction (§6.3, https://www.w3.org/TR/json-ld11-api/#value-compaction): a value object
    /// or node reference as a plain string, number or boolean when the term's type, language and
    /// direction already say the rest; otherwise the object with compacted keys.
    /// </summary>
    private JsonNode? CompactValue(ActiveContext activeContext, string? activeProperty, JsonObject value)
    {
        JsonNode? result = value.DeepClone();
        var definition = activeContext.Get(activeProperty);
        string? language = definition is { HasLanguage: true } ? definition.LanguageMapping : activeContext.DefaultLanguage;
        string? direction = definition is { HasDirection: true } ? definition.DirectionMapping : activeContext.DefaultDirection;
        string? typeMapping = definition?.TypeMapping;
        bool indexContainer = definition is not null && definition.Container.Has(ContainerMapping.Index);
        bool hasIndex = value.ContainsKey(Keywords.Index);
        bool indexAllowed = !hasIndex || indexContainer;

        if (value.ContainsKey(Keywords.Id) && (value.Count == 1 || (value.Count == 2 && hasIndex)))
        {
            string id = JsonLdJson.AsString(value[Keywords.Id])!;
            if (typeMapping == Keywords.Id && indexAllowed) result = CompactIri(activeContext, id, vocab: false);
            else if (typeMapping == Keywords.Vocab && indexAllowed) result = CompactIri(activeContext, id, vocab: true);
        }
        else if (JsonLdJson.AsString(value[Keywords.Type]) is { } type && type == typeMapping)
        {
            if (indexAllowed) result = value[Keywords.Value]?.DeepClone();
        }
        else if (typeMapping == Keywords.None || value.ContainsKey(Keywords.Type))
        {
            if (result is JsonObject copy && JsonLdJson.AsString(copy[Keywords.Type]) is { } valueType)
                copy[Keywords.Type] = CompactIri(activeContext, valueType, vocab: true);
        }
        else if (value.TryGetPropertyValue(Keywords.Value, out var raw) && !IsString(raw))
        {
            if (indexAllowed) result = raw?.DeepClone();
        }
        else if (LanguageMatches(JsonLdJson.AsString(value[Keywords.Language]), language) && JsonLdJson.AsString(value[Keywords.Direction]) == direction)
        {
            if (indexAllowed) result = value[Keywords.Value]?.DeepClone();
        }

        if (result is JsonObject compacted)
        {
            var keyed = new JsonObject();
            foreach (var (key, entry) in compacted.ToList())
            {
                compacted.Remove(key);
                keyed[CompactIri(activeContext, key, vocab: true)!] = entry;
            }
            return keyed;
        }
        return result;
    }

    private static bool LanguageMatches(string? valueLanguage, string? language) =>
        language is null ? valueLanguage is null : string.Equals(valueLanguage, language, StringComparison.OrdinalIgnoreCase);

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String;
}
