using System.Text;
using DihNode.Rdf.Io.JsonLd.Context;

namespace DihNode.Rdf.Io.JsonLd.Compaction;

/// <summary>
/// The inverse context (JSON-LD 1.1 API §4.3, https://www.w3.org/TR/json-ld11-api/#inverse-context-creation):
/// IRI -> container -> (<c>@language</c> | <c>@type</c> | <c>@any</c>) -> language, direction or type -> term,
/// so that <see cref="SelectTerm"/> (§4.4, Term Selection) finds the term best fitting a value in a few lookups.
/// Built once per active context and kept in <see cref="ActiveContext.InverseContext"/>.
/// </summary>
internal sealed class InverseContext
{
    /// <summary>The three maps under one container of one IRI.</summary>
    private sealed class TypeLanguageMaps
    {
        public readonly Dictionary<string, string> Language = new(StringComparer.Ordinal);
        public readonly Dictionary<string, string> Type = new(StringComparer.Ordinal);
        public readonly Dictionary<string, string> Any = new(StringComparer.Ordinal);

        public Dictionary<string, string>? For(string typeLanguage) => typeLanguage switch
        {
            Keywords.Language => Language,
            Keywords.Type => Type,
            "@any" => Any,
            _ => null,
        };
    }

    private readonly Dictionary<string, Dictionary<string, TypeLanguageMaps>> _byIri = new(StringComparer.Ordinal);

    /// <summary>The inverse context of <paramref name="context"/>, created on first use.</summary>
    public static InverseContext Of(ActiveContext context)
    {
        if (context.InverseContext is InverseContext existing) return existing;
        var created = new InverseContext(context);
        context.InverseContext = created;
        return created;
    }

    public bool Contains(string iri) => _byIri.ContainsKey(iri);

    private InverseContext(ActiveContext context)
    {
        string defaultLanguage = DefaultLanguageKey(context);
        // Shortest term first, ties broken by code point order, so the first term stored in a slot wins.
        foreach (var (term, definition) in context.Terms.OrderBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (definition.IriMapping is not { } iri) continue;
            string container = ContainerKey(definition.Container);
            if (!_byIri.TryGetValue(iri, out var containerMap)) _byIri[iri] = containerMap = new(StringComparer.Ordinal);
            if (!containerMap.TryGetValue(container, out var maps))
            {
                containerMap[container] = maps = new TypeLanguageMaps();
                maps.Any[Keywords.None] = term;
            }

            if (definition.IsReverse)
            {
                maps.Type.TryAdd(Keywords.Reverse, term);
            }
            else if (definition.TypeMapping == Keywords.None)
            {
                maps.Language.TryAdd("@any", term);
                maps.Type.TryAdd("@any", term);
            }
            else if (definition.TypeMapping is { } type)
            {
                maps.Type.TryAdd(type, term);
            }
            else if (definition.HasLanguage && definition.HasDirection)
            {
                string? language = definition.LanguageMapping?.ToLowerInvariant(), direction = definition.DirectionMapping;
                string key = (language, direction) switch
                {
                    (null, null) => "@null",
                    (not null, not null) => language + "_" + direction,
                    (not null, null) => language,
                    _ => "_" + direction,
                };
                maps.Language.TryAdd(key, term);
            }
            else if (definition.HasLanguage)
            {
                maps.Language.TryAdd(definition.LanguageMapping?.ToLowerInvariant() ?? "@null", term);
            }
            else if (definition.HasDirection)
            {
                maps.Language.TryAdd(definition.DirectionMapping is { } direction ? "_" + direction : Keywords.None, term);
            }
            else
            {
                maps.Language.TryAdd(defaultLanguage, term);
                maps.Language.TryAdd(Keywords.None, term);
                maps.Type.TryAdd(Keywords.None, term);
            }
        }
    }

    /// <summary>
    /// The key of the active context's default language and direction: "lang_dir", "_dir", "lang"
    /// (lower-cased), or <c>@none</c>.
    /// </summary>
    public static string DefaultLanguageKey(ActiveContext context)
    {
        if (context.DefaultDirection is { } direction) return (context.DefaultLanguage ?? "").ToLowerInvariant() + "_" + direction;
        return context.DefaultLanguage?.ToLowerInvariant() ?? Keywords.None;
    }

    /// <summary>The container keywords of a mapping concatenated in code point order ("@graph@id@set"), or <c>@none</c>.</summary>
    public static string ContainerKey(ContainerMapping container)
    {
        if (container == ContainerMapping.None) return Keywords.None;
        var sb = new StringBuilder();
        foreach (string keyword in container.ToKeywords()) sb.Append(keyword);
        return sb.ToString();
    }

    /// <summary>
    /// Term Selection (§4.4): the first term found for <paramref name="iri"/> under the containers in
    /// order of preference, then the preferred type or language values in order; null when none fits.
    /// </summary>
    public string? SelectTerm(string iri, List<string> containers, string typeLanguage, List<string> preferredValues)
    {
        if (!_byIri.TryGetValue(iri, out var containerMap)) return null;
        foreach (string container in containers)
        {
            if (!containerMap.TryGetValue(container, out var maps)) continue;
            var valueMap = maps.For(typeLanguage);
            if (valueMap is null) continue;
            foreach (string item in preferredValues)
                if (valueMap.TryGetValue(item, out var term)) return term;
        }
        return null;
    }
}
