using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Context;

namespace DihNode.Rdf.Io.JsonLd.Compaction;

internal sealed partial class Compactor
{
    /// <summary>
    /// IRI Compaction (§6.2, https://www.w3.org/TR/json-ld11-api/#iri-compaction): <paramref name="iri"/>
    /// as a term fitting <paramref name="value"/>, a suffix of the vocabulary mapping, a compact IRI,
    /// or (with <paramref name="vocab"/> false) an IRI relative to the base; else unchanged.
    /// </summary>
    public string? CompactIri(ActiveContext activeContext, string? iri, JsonNode? value = null, bool vocab = false, bool reverse = false)
    {
        if (iri is null) return null;
        var inverse = InverseContext.Of(activeContext);
        if (vocab && inverse.Contains(iri) && SelectTermFor(activeContext, inverse, iri, value, reverse) is { } term) return term;

        if (vocab && activeContext.Vocab is { } vocabMapping && iri.Length > vocabMapping.Length
            && iri.StartsWith(vocabMapping, StringComparison.Ordinal) && activeContext.Get(iri[vocabMapping.Length..]) is null
            && ReadsBackAsVocabSuffix(iri.AsSpan(vocabMapping.Length)))
            return iri[vocabMapping.Length..];

        string? compactIri = null;
        foreach (var (key, definition) in activeContext.Terms)
        {
            if (definition.IriMapping is not { } prefix || prefix == iri || !definition.IsPrefix
                || !iri.StartsWith(prefix, StringComparison.Ordinal)) continue;
            // "p://x" would read back as an absolute IRI, not as the compact IRI it was meant to be.
            if (iri.AsSpan(prefix.Length).StartsWith("//")) continue;
            string candidate = key + ":" + iri[prefix.Length..];
            bool better = compactIri is null || candidate.Length < compactIri.Length
                || (candidate.Length == compactIri.Length && string.CompareOrdinal(candidate, compactIri) < 0);
            var existing = activeContext.Get(candidate);
            if (better && (existing is null || (existing.IriMapping == iri && value is null))) compactIri = candidate;
        }
        if (compactIri is not null) return compactIri;

        int colon = iri.IndexOf(':');
        if (colon > 0 && !iri.AsSpan(colon + 1).StartsWith("//") && activeContext.Get(iri[..colon]) is { IsPrefix: true })
            throw new JsonLdException(JsonLdErrorCode.IriConfusedWithPrefix,
                $"<{iri}> would read as a compact IRI with the prefix \"{iri[..colon]}\"");

        if (!vocab && activeContext.BaseIri is { } baseIri)
        {
            string relative = RelativeIris.Relativize(baseIri, iri);
            return Keywords.HasKeywordForm(relative) ? "./" + relative : relative;
        }
        return iri;
    }

    /// <summary>
    /// A suffix of the vocabulary mapping expands back to the same IRI only if it looks like neither a
    /// compact or absolute IRI (a colon) nor a keyword ("@"). The spec does not ask for this check;
    /// without it such IRIs would change when the document is read back.
    /// </summary>
    private static bool ReadsBackAsVocabSuffix(ReadOnlySpan<char> suffix) => suffix[0] != '@' && !suffix.Contains(':');

    /// <summary>§6.2 step 4: the containers and type or language values <paramref name="value"/> prefers, then Term Selection.</summary>
    private string? SelectTermFor(ActiveContext activeContext, InverseContext inverse, string iri, JsonNode? value, bool reverse)
    {
        string defaultLanguage = InverseContext.DefaultLanguageKey(activeContext);
        var map = value as JsonObject;
        if (map is not null && map[Keywords.Preserve] is { } preserved)
        {
            value = preserved is JsonArray { Count: > 0 } p ? p[0] : preserved;
            map = value as JsonObject;
        }

        var containers = new List<string>();
        string typeLanguage = Keywords.Language;
        string typeLanguageValue = "@null";
        bool isGraph = map is not null && IsGraphObject(map);
        if (map is not null && map.ContainsKey(Keywords.Index) && !isGraph) containers.AddRange([Keywords.Index, "@index@set"]);

        if (reverse)
        {
            typeLanguage = Keywords.Type;
            typeLanguageValue = Keywords.Reverse;
            containers.Add(Keywords.Set);
        }
        else if (map is not null && map[Keywords.List] is { } listNode)
        {
            if (!map.ContainsKey(Keywords.Index)) containers.Add(Keywords.List);
            var list = listNode as JsonArray ?? [];
            string? commonType = null, commonLanguage = list.Count == 0 ? defaultLanguage : null;
            foreach (var entry in list)
            {
                string itemLanguage = Keywords.None, itemType = Keywords.None;
                var item = entry as JsonObject;
                if (item is not null && item.ContainsKey(Keywords.Value))
                {
                    if (item.ContainsKey(Keywords.Direction))
                        itemLanguage = ((JsonLdJson.AsString(item[Keywords.Language]) ?? "") + "_" + JsonLdJson.AsString(item[Keywords.Direction])).ToLowerInvariant();
                    else if (JsonLdJson.AsString(item[Keywords.Language]) is { } language) itemLanguage = language.ToLowerInvariant();
                    else if (JsonLdJson.AsString(item[Keywords.Type]) is { } type) itemType = type;
                    else itemLanguage = "@null";
                }
                else
                {
                    itemType = Keywords.Id;
                }
                if (commonLanguage is null) commonLanguage = itemLanguage;
                else if (itemLanguage != commonLanguage && item is not null && item.ContainsKey(Keywords.Value)) commonLanguage = Keywords.None;
                if (commonType is null) commonType = itemType;
                else if (itemType != commonType) commonType = Keywords.None;
                if (commonLanguage == Keywords.None && commonType == Keywords.None) break;
            }
            commonLanguage ??= Keywords.None;
            commonType ??= Keywords.None;
            if (commonType != Keywords.None)
            {
                typeLanguage = Keywords.Type;
                typeLanguageValue = commonType;
            }
            else
            {
                typeLanguageValue = commonLanguage;
            }
        }
        else if (isGraph)
        {
            bool hasIndex = map!.ContainsKey(Keywords.Index), hasId = map.ContainsKey(Keywords.Id);
            if (hasIndex) containers.AddRange(["@graph@index", "@graph@index@set"]);
            if (hasId) containers.AddRange(["@graph@id", "@graph@id@set"]);
            containers.AddRange([Keywords.Graph, "@graph@set", Keywords.Set]);
            if (!hasIndex) containers.AddRange(["@graph@index", "@graph@index@set"]);
            if (!hasId) containers.AddRange(["@graph@id", "@graph@id@set"]);
            containers.AddRange([Keywords.Index, "@index@set"]);
            typeLanguage = Keywords.Type;
            typeLanguageValue = Keywords.Id;
        }
        else
        {
            if (map is not null && map.ContainsKey(Keywords.Value))
            {
                if (map.ContainsKey(Keywords.Direction) && !map.ContainsKey(Keywords.Index))
                {
                    typeLanguageValue = ((JsonLdJson.AsString(map[Keywords.Language]) ?? "") + "_" + JsonLdJson.AsString(map[Keywords.Direction])).ToLowerInvariant();
                    containers.AddRange([Keywords.Language, "@language@set"]);
                }
                else if (map.ContainsKey(Keywords.Language) && !map.ContainsKey(Keywords.Index))
                {
                    typeLanguageValue = JsonLdJson.AsString(map[Keywords.Language])!.ToLowerInvariant();
                    containers.AddRange([Keywords.Language, "@language@set"]);
                }
                else if (JsonLdJson.AsString(map[Keywords.Type]) is { } type)
                {
                    typeLanguageValue = type;
                    typeLanguage = Keywords.Type;
                }
            }
            else
            {
                typeLanguage = Keywords.Type;
                typeLanguageValue = Keywords.Id;
                containers.AddRange([Keywords.Id, "@id@set", Keywords.Type, "@set@type"]);
            }
            containers.Add(Keywords.Set);
        }

        containers.Add(Keywords.None);
        if (!_is10 && (map is null || !map.ContainsKey(Keywords.Index))) containers.AddRange([Keywords.Index, "@index@set"]);
        if (!_is10 && map is { Count: 1 } && map.ContainsKey(Keywords.Value)) containers.AddRange([Keywords.Language, "@language@set"]);

        var preferredValues = new List<string>();
        if (typeLanguageValue == Keywords.Reverse) preferredValues.Add(Keywords.Reverse);
        if (typeLanguageValue is Keywords.Id or Keywords.Reverse && map is not null && JsonLdJson.AsString(map[Keywords.Id]) is { } id)
        {
            string? compactedId = CompactIri(activeContext, id, vocab: true);
            if (compactedId is not null && activeContext.Get(compactedId)?.IriMapping == id)
                preferredValues.AddRange([Keywords.Vocab, Keywords.Id, Keywords.None]);
            else
                preferredValues.AddRange([Keywords.Id, Keywords.Vocab, Keywords.None]);
        }
        else
        {
            preferredValues.AddRange([typeLanguageValue, Keywords.None]);
            if (map is not null && map[Keywords.List] is JsonArray { Count: 0 }) typeLanguage = "@any";
        }
        preferredValues.Add("@any");
        foreach (string preferred in preferredValues.ToList())
        {
            int underscore = preferred.IndexOf('_');
            if (underscore >= 0) preferredValues.Add(preferred[underscore..]);
        }
        return inverse.SelectTerm(iri, containers, typeLanguage, preferredValues);
    }
}
