namespace DihNode.Rdf.Io.JsonLd.Context;

/// <summary>
/// The active context (JSON-LD 1.1 API §4.1, https://www.w3.org/TR/json-ld11-api/#dfn-active-context):
/// term definitions, base IRI, vocabulary mapping, default language and direction, and the previous
/// context that a non-propagated (type-scoped) context reverts to. Treated as immutable after
/// <see cref="ContextProcessor.Process"/> returns it: processing always works on a <see cref="Clone"/>.
/// </summary>
internal sealed class ActiveContext
{
    public ActiveContext(string? baseIri)
    {
        BaseIri = baseIri;
        OriginalBaseUrl = baseIri;
    }

    /// <summary>Term -> definition, in insertion order of the definitions processed.</summary>
    public Dictionary<string, TermDefinition> Terms { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The base IRI for document-relative IRIs; null when none is known.</summary>
    public string? BaseIri { get; set; }

    /// <summary>The document's own base URL, to which a null context resets <see cref="BaseIri"/>.</summary>
    public string? OriginalBaseUrl { get; set; }

    /// <summary>The @vocab mapping, or null.</summary>
    public string? Vocab { get; set; }

    /// <summary>The default language (@language), or null.</summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>The default base direction (@direction, "ltr" / "rtl"), or null.</summary>
    public string? DefaultDirection { get; set; }

    /// <summary>The context to revert to when a node object is entered (non-propagated contexts), or null.</summary>
    public ActiveContext? PreviousContext { get; set; }

    /// <summary>A slot for compaction's inverse context (§4.3), built once per active context by its user.</summary>
    public object? InverseContext { get; set; }

    /// <summary>Keys already expanded as vocabulary IRIs in this (finished) context; see <see cref="ContextProcessor.ExpandKey"/>.</summary>
    internal Dictionary<string, string?>? KeyExpansions { get; set; }

    /// <summary>The definition of <paramref name="term"/>, or null.</summary>
    public TermDefinition? Get(string? term) => term is not null && Terms.TryGetValue(term, out var d) ? d : null;

    /// <summary>True when any term definition is protected.</summary>
    public bool HasProtectedTerms()
    {
        foreach (var d in Terms.Values)
            if (d.IsProtected) return true;
        return false;
    }

    /// <summary>A copy whose term map can be changed without touching this one (no inverse context).</summary>
    public ActiveContext Clone() => new(BaseIri)
    {
        OriginalBaseUrl = OriginalBaseUrl,
        Vocab = Vocab,
        DefaultLanguage = DefaultLanguage,
        DefaultDirection = DefaultDirection,
        PreviousContext = PreviousContext,
        Terms = new Dictionary<string, TermDefinition>(Terms, StringComparer.Ordinal),
    };
}
