using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd.Context;

internal sealed partial class ContextProcessor
{
    private static readonly HashSet<string> s_termDefinitionKeys = new(StringComparer.Ordinal)
    {
        Keywords.Id, Keywords.Reverse, Keywords.Container, Keywords.Context, Keywords.Direction, Keywords.Index,
        Keywords.Language, Keywords.Nest, Keywords.Prefix, Keywords.Protected, Keywords.Type,
    };

    /// <summary>
    /// Create Term Definition (JSON-LD 1.1 API §4.2.2, https://www.w3.org/TR/json-ld11-api/#create-term-definition):
    /// defines <paramref name="term"/> of <paramref name="localContext"/> in <paramref name="activeContext"/>.
    /// <paramref name="defined"/> tracks terms being defined (false) and done (true), to find cycles.
    /// </summary>
    public void CreateTermDefinition(ActiveContext activeContext, JsonObject localContext, string term, Dictionary<string, bool> defined,
        string? baseUrl = null, bool isProtected = false, bool overrideProtected = false, List<string>? remoteContexts = null)
    {
        if (defined.TryGetValue(term, out bool done))
        {
            if (done) return;
            JsonLdException.Throw(JsonLdErrorCode.CyclicIriMapping, $"the term \"{term}\" is defined through itself");
        }
        if (term.Length == 0) JsonLdException.Throw(JsonLdErrorCode.InvalidTermDefinition, "the empty string cannot be a term");
        defined[term] = false;
        var value = localContext[term];

        if (term == Keywords.Type)
        {
            if (Is10) JsonLdException.Throw(JsonLdErrorCode.KeywordRedefinition, "@type cannot be redefined in json-ld-1.0");
            if (value is not JsonObject typeMap || typeMap.Count == 0
                || typeMap.Any(e => !(e.Key == Keywords.Container && JsonLdJson.AsString(e.Value) == Keywords.Set || e.Key == Keywords.Protected)))
                JsonLdException.Throw(JsonLdErrorCode.KeywordRedefinition, "@type may only get \"@container\": \"@set\" and @protected");
        }
        else if (Keywords.IsKeyword(term))
        {
            JsonLdException.Throw(JsonLdErrorCode.KeywordRedefinition, $"the keyword {term} cannot be redefined");
        }
        else if (Keywords.HasKeywordForm(term))
        {
            defined[term] = true;
            return; // reserved for future keywords: ignored
        }

        var previous = activeContext.Get(term);
        activeContext.Terms.Remove(term);

        JsonObject map = value switch
        {
            null => new JsonObject { [Keywords.Id] = null },
            JsonValue v when JsonLdJson.AsString(v) is { } s => new JsonObject { [Keywords.Id] = s },
            JsonObject o => o,
            _ => throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"the definition of \"{term}\" must be a string, an object or null"),
        };
        bool simpleTerm = value is null || value is JsonValue;

        string? iriMapping = null, typeMapping = null, nestValue = null, indexMapping = null, language = null, direction = null;
        bool prefix = false, reverse = false, hasLanguage = false, hasDirection = false, hasLocalContext = false, hasContainer = false;
        JsonNode? scopedContext = null;
        var container = ContainerMapping.None;

        if (map.TryGetPropertyValue(Keywords.Protected, out var protectedValue))
        {
            if (Is10) JsonLdException.Throw(JsonLdErrorCode.InvalidTermDefinition, "@protected is not available in json-ld-1.0");
            if (!JsonLdJson.IsBoolean(protectedValue)) JsonLdException.Throw(JsonLdErrorCode.InvalidProtectedValue, $"@protected of \"{term}\" must be true or false");
            isProtected = protectedValue!.GetValue<bool>();
        }

        if (map.TryGetPropertyValue(Keywords.Type, out var typeValue))
        {
            if (JsonLdJson.AsString(typeValue) is not { } type)
                throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, $"@type of \"{term}\" must be a string");
            typeMapping = ExpandIri(activeContext, type, vocab: true, localContext: localContext, defined: defined);
            if (Is10 && typeMapping is Keywords.Json or Keywords.None)
                JsonLdException.Throw(JsonLdErrorCode.InvalidTypeMapping, $"{typeMapping} is not available in json-ld-1.0");
            if (typeMapping is not (Keywords.Id or Keywords.Json or Keywords.None or Keywords.Vocab) && !IsAbsoluteIri(typeMapping))
                JsonLdException.Throw(JsonLdErrorCode.InvalidTypeMapping, $"@type of \"{term}\" is \"{type}\", not an IRI, @id, @vocab, @json or @none");
        }

        if (map.TryGetPropertyValue(Keywords.Reverse, out var reverseValue))
        {
            if (map.ContainsKey(Keywords.Id) || map.ContainsKey(Keywords.Nest))
                JsonLdException.Throw(JsonLdErrorCode.InvalidReverseProperty, $"\"{term}\" has @reverse together with @id or @nest");
            if (JsonLdJson.AsString(reverseValue) is not { } reverseIri)
                throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"@reverse of \"{term}\" must be a string");
            if (Keywords.HasKeywordForm(reverseIri))
            {
                defined[term] = true;
                return;
            }
            iriMapping = ExpandIri(activeContext, reverseIri, vocab: true, localContext: localContext, defined: defined);
            if (iriMapping is null || !(IsAbsoluteIri(iriMapping) || iriMapping.StartsWith("_:", StringComparison.Ordinal)))
                JsonLdException.Throw(JsonLdErrorCode.InvalidIriMapping, $"@reverse of \"{term}\" does not expand to an IRI");
            if (map.TryGetPropertyValue(Keywords.Container, out var reverseContainer))
            {
                if (reverseContainer is not null)
                {
                    var c = ContainerMappings.FromKeyword(JsonLdJson.AsString(reverseContainer));
                    if (c is not (ContainerMapping.Set or ContainerMapping.Index))
                        JsonLdException.Throw(JsonLdErrorCode.InvalidReverseProperty, $"the container of the reverse property \"{term}\" must be @set, @index or null");
                    container = c.Value;
                    hasContainer = true;
                }
            }
            reverse = true;
        }
        else if (map.TryGetPropertyValue(Keywords.Id, out var idValue) && JsonLdJson.AsString(idValue) != term)
        {
            if (idValue is not null)
            {
                if (JsonLdJson.AsString(idValue) is not { } id)
                    throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"@id of \"{term}\" must be a string or null");
                if (!Keywords.IsKeyword(id) && Keywords.HasKeywordForm(id))
                {
                    defined[term] = true;
                    return;
                }
                iriMapping = ExpandIri(activeContext, id, vocab: true, localContext: localContext, defined: defined);
                if (iriMapping is null || !(Keywords.IsKeyword(iriMapping) || IsAbsoluteIri(iriMapping) || iriMapping.StartsWith("_:", StringComparison.Ordinal)))
                    JsonLdException.Throw(JsonLdErrorCode.InvalidIriMapping, $"@id of \"{term}\" does not expand to an IRI, a blank node or a keyword");
                if (iriMapping == Keywords.Context)
                    JsonLdException.Throw(JsonLdErrorCode.InvalidKeywordAlias, "@context cannot be aliased");
                int colon = term.IndexOf(':', 1);
                bool hasColonInside = colon > 0 && colon < term.Length - 1;
                if (hasColonInside || term.Contains('/'))
                {
                    defined[term] = true;
                    string? expandedTerm = ExpandIri(activeContext, term, vocab: true, localContext: localContext, defined: defined);
                    if (expandedTerm != iriMapping)
                        JsonLdException.Throw(JsonLdErrorCode.InvalidIriMapping, $"the term \"{term}\" looks like an IRI that differs from its @id <{iriMapping}>");
                }
                if (!term.Contains(':') && !term.Contains('/') && simpleTerm
                    && (iriMapping.StartsWith("_:", StringComparison.Ordinal) || (iriMapping.Length > 0 && iriMapping[^1] is ':' or '/' or '?' or '#' or '[' or ']' or '@')))
                    prefix = true;
            }
        }
        else if (term.IndexOf(':', 1) > 0)
        {
            int colon = term.IndexOf(':', 1);
            string prefixPart = term[..colon], suffix = term[(colon + 1)..];
            if (localContext.ContainsKey(prefixPart))
                CreateTermDefinition(activeContext, localContext, prefixPart, defined, baseUrl, false, overrideProtected, remoteContexts);
            if (activeContext.Get(prefixPart) is { IriMapping: { } prefixIri })
                iriMapping = prefixIri + suffix;
            else
                iriMapping = term;
        }
        else if (term.Contains('/'))
        {
            iriMapping = ExpandIri(activeContext, term, vocab: true);
            if (!IsAbsoluteIri(iriMapping))
                JsonLdException.Throw(JsonLdErrorCode.InvalidIriMapping, $"the term \"{term}\" does not expand to an IRI");
        }
        else if (term == Keywords.Type)
        {
            iriMapping = Keywords.Type;
        }
        else if (activeContext.Vocab is null)
        {
            JsonLdException.Throw(JsonLdErrorCode.InvalidIriMapping, $"the term \"{term}\" has no @id and there is no @vocab");
        }
        else
        {
            iriMapping = activeContext.Vocab + term;
        }

        if (!reverse && map.TryGetPropertyValue(Keywords.Container, out var containerValue))
        {
            container = ReadContainer(term, containerValue);
            hasContainer = true;
            if (container.Has(ContainerMapping.Type))
            {
                typeMapping ??= Keywords.Id;
                if (typeMapping is not (Keywords.Id or Keywords.Vocab))
                    JsonLdException.Throw(JsonLdErrorCode.InvalidTypeMapping, $"a type map \"{term}\" needs @type @id or @vocab");
            }
        }

        if (map.TryGetPropertyValue(Keywords.Index, out var indexValue))
        {
            if (Is10 || !container.Has(ContainerMapping.Index))
                JsonLdException.Throw(JsonLdErrorCode.InvalidTermDefinition, $"@index on \"{term}\" needs an @index container");
            if (JsonLdJson.AsString(indexValue) is not { } index || Keywords.IsKeyword(index)
                || !IsAbsoluteIri(ExpandIri(activeContext, index, vocab: true)))
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"@index of \"{term}\" must be a property IRI");
            indexMapping = index;
        }

        if (map.TryGetPropertyValue(Keywords.Context, out var contextValue))
        {
            if (Is10) JsonLdException.Throw(JsonLdErrorCode.InvalidTermDefinition, "scoped contexts are not available in json-ld-1.0");
            try
            {
                Process(activeContext, contextValue, baseUrl, [.. remoteContexts ?? []], overrideProtected: true, validateScopedContext: false);
            }
            catch (JsonLdException e) when (e.Code is not (JsonLdErrorCode.InvalidScopedContext or JsonLdErrorCode.ContextOverflow))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidScopedContext, $"the context of \"{term}\": {e.Message}", e);
            }
            scopedContext = JsonLdJson.Clone(contextValue);
            hasLocalContext = true;
        }

        if (map.TryGetPropertyValue(Keywords.Language, out var languageValue) && !map.ContainsKey(Keywords.Type))
        {
            if (languageValue is not null && !JsonLdJson.IsString(languageValue))
                JsonLdException.Throw(JsonLdErrorCode.InvalidLanguageMapping, $"@language of \"{term}\" must be a string or null");
            language = JsonLdJson.AsString(languageValue);
            hasLanguage = true;
        }

        if (map.TryGetPropertyValue(Keywords.Direction, out var directionValue) && !map.ContainsKey(Keywords.Type))
        {
            if (Is10) JsonLdException.Throw(JsonLdErrorCode.InvalidTermDefinition, "@direction is not available in json-ld-1.0");
            if (directionValue is not null && JsonLdJson.AsString(directionValue) is not ("ltr" or "rtl"))
                JsonLdException.Throw(JsonLdErrorCode.InvalidBaseDirection, $"@direction of \"{term}\" must be \"ltr\", \"rtl\" or null");
            direction = JsonLdJson.AsString(directionValue);
            hasDirection = true;
        }

        if (map.TryGetPropertyValue(Keywords.Nest, out var nest))
        {
            if (Is10) JsonLdException.Throw(JsonLdErrorCode.InvalidTermDefinition, "@nest is not available in json-ld-1.0");
            if (JsonLdJson.AsString(nest) is not { } nestText || (Keywords.IsKeyword(nestText) && nestText != Keywords.Nest))
                throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, $"@nest of \"{term}\" must be @nest or a term");
            nestValue = nestText;
        }

        if (map.TryGetPropertyValue(Keywords.Prefix, out var prefixValue))
        {
            if (Is10 || term.Contains(':') || term.Contains('/'))
                JsonLdException.Throw(JsonLdErrorCode.InvalidTermDefinition, $"@prefix is not allowed on \"{term}\"");
            if (!JsonLdJson.IsBoolean(prefixValue)) JsonLdException.Throw(JsonLdErrorCode.InvalidPrefixValue, $"@prefix of \"{term}\" must be true or false");
            prefix = prefixValue!.GetValue<bool>();
            if (prefix && Keywords.IsKeyword(iriMapping))
                JsonLdException.Throw(JsonLdErrorCode.InvalidTermDefinition, $"the keyword alias \"{term}\" cannot be a prefix");
        }

        foreach (var (key, _) in map)
            if (!s_termDefinitionKeys.Contains(key))
                JsonLdException.Throw(JsonLdErrorCode.InvalidTermDefinition, $"\"{term}\" has the unknown entry \"{key}\"");

        var definition = new TermDefinition
        {
            IriMapping = iriMapping, IsPrefix = prefix, IsProtected = isProtected, IsReverse = reverse, BaseUrl = baseUrl,
            LocalContext = scopedContext, HasLocalContext = hasLocalContext, Container = container, HasContainer = hasContainer,
            DirectionMapping = direction, HasDirection = hasDirection, LanguageMapping = language, HasLanguage = hasLanguage,
            NestValue = nestValue, IndexMapping = indexMapping, TypeMapping = typeMapping,
        };

        if (!overrideProtected && previous is { IsProtected: true })
        {
            if (!definition.SameAs(previous))
                JsonLdException.Throw(JsonLdErrorCode.ProtectedTermRedefinition, $"the protected term \"{term}\" cannot be redefined");
            definition = previous;
        }
        activeContext.Terms[term] = definition;
        defined[term] = true;
    }

    /// <summary>§4.2.2 step 19: the allowed @container values and combinations.</summary>
    private ContainerMapping ReadContainer(string term, JsonNode? value)
    {
        var result = ContainerMapping.None;
        int count = 0;
        foreach (var item in JsonLdJson.AsArray(value))
        {
            var flag = ContainerMappings.FromKeyword(JsonLdJson.AsString(item));
            if (flag is null) JsonLdException.Throw(JsonLdErrorCode.InvalidContainerMapping, $"@container of \"{term}\": {item?.ToJsonString() ?? "null"} is not a container keyword");
            result |= flag.Value;
            count++;
        }
        if (Is10 && (value is not JsonValue || result is ContainerMapping.Graph or ContainerMapping.Id or ContainerMapping.Type))
            JsonLdException.Throw(JsonLdErrorCode.InvalidContainerMapping, $"@container of \"{term}\" needs json-ld-1.1");
        bool valid = result switch
        {
            _ when count == 0 => false,
            _ when result.Has(ContainerMapping.List) => result == ContainerMapping.List && count == 1,
            ContainerMapping.Graph or ContainerMapping.Graph | ContainerMapping.Set => true,
            ContainerMapping.Graph | ContainerMapping.Id or ContainerMapping.Graph | ContainerMapping.Id | ContainerMapping.Set => true,
            ContainerMapping.Graph | ContainerMapping.Index or ContainerMapping.Graph | ContainerMapping.Index | ContainerMapping.Set => true,
            _ when result.Has(ContainerMapping.Graph) => false,
            _ => System.Numerics.BitOperations.PopCount((uint)(result & ~ContainerMapping.Set)) <= 1,
        };
        if (!valid || (value is JsonArray arr && arr.Count != System.Numerics.BitOperations.PopCount((uint)result)))
            JsonLdException.Throw(JsonLdErrorCode.InvalidContainerMapping, $"@container of \"{term}\": {value?.ToJsonString()} is not an allowed combination");
        return result;
    }

    private static bool IsAbsoluteIri(string? s) => s is not null && IriResolver.HasScheme(s);
}
