using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd.Context;

internal sealed partial class ContextProcessor
{
    /// <summary>
    /// IRI Expansion (JSON-LD 1.1 API §5.2.2, https://www.w3.org/TR/json-ld11-api/#iri-expansion): a
    /// term, compact IRI, keyword alias or relative IRI to an absolute IRI, blank node identifier or
    /// keyword. Returns null for values that expand to nothing (null-mapped terms, "@" + letters).
    /// </summary>
    /// <param name="documentRelative">Resolve relative IRIs against the base IRI (for @id values).</param>
    /// <param name="vocab">Use terms and @vocab (for properties and types).</param>
    /// <param name="localContext">While processing a context: define terms it uses on demand.</param>
    public string? ExpandIri(ActiveContext activeContext, string? value, bool documentRelative = false, bool vocab = false,
        JsonObject? localContext = null, Dictionary<string, bool>? defined = null)
    {
        if (value is null || Keywords.IsKeyword(value)) return value;
        if (Keywords.HasKeywordForm(value)) return null;

        if (localContext is not null && defined is not null && localContext.ContainsKey(value)
            && !(defined.TryGetValue(value, out bool done) && done))
            CreateTermDefinition(activeContext, localContext, value, defined);

        var definition = activeContext.Get(value);
        if (definition is not null && Keywords.IsKeyword(definition.IriMapping)) return definition.IriMapping;
        if (vocab && definition is not null) return definition.IriMapping;

        int colon = value.Length > 1 ? value.IndexOf(':', 1) : -1;
        if (colon > 0)
        {
            string prefix = value[..colon], suffix = value[(colon + 1)..];
            if (prefix == "_" || suffix.StartsWith("//", StringComparison.Ordinal)) return value;
            if (localContext is not null && defined is not null && localContext.ContainsKey(prefix)
                && !(defined.TryGetValue(prefix, out bool prefixDone) && prefixDone))
                CreateTermDefinition(activeContext, localContext, prefix, defined);
            if (activeContext.Get(prefix) is { IriMapping: { } prefixIri, IsPrefix: true })
                return prefixIri + suffix;
            if (IriResolver.HasScheme(value)) return value;
        }

        if (vocab && activeContext.Vocab is not null) return activeContext.Vocab + value;
        if (documentRelative) return ResolveAgainstBase(activeContext.BaseIri, value);
        return value;
    }

    /// <summary>
    /// <see cref="ExpandIri"/> with vocab = true for a key of a JSON object, remembered per active context.
    /// Only for contexts that processing has finished (expansion, compaction), never while defining terms.
    /// </summary>
    public string? ExpandKey(ActiveContext activeContext, string key)
    {
        var cache = activeContext.KeyExpansions ??= new Dictionary<string, string?>(StringComparer.Ordinal);
        if (cache.TryGetValue(key, out var expanded)) return expanded;
        expanded = ExpandIri(activeContext, key, vocab: true);
        if (cache.Count < 10_000) cache[key] = expanded;
        return expanded;
    }

    /// <summary>Resolves a document-relative reference; without a base IRI the reference stays as it is.</summary>
    public static string ResolveAgainstBase(string? baseIri, string value)
    {
        if (baseIri is null) return value;
        if (!IriResolver.HasScheme(baseIri)) return value;
        return IriResolver.Resolve(baseIri, value);
    }
}
