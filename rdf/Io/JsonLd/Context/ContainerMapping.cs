namespace DihNode.Rdf.Io.JsonLd.Context;

/// <summary>
/// A term's container mapping (JSON-LD 1.1 API §4.2.2 step 19) as a set of flags: the spec's
/// array of @list, @set, @index, @language, @id, @type, @graph.
/// </summary>
[Flags]
internal enum ContainerMapping
{
    None = 0,
    List = 1,
    Set = 2,
    Index = 4,
    Language = 8,
    Id = 16,
    Type = 32,
    Graph = 64,
}

internal static class ContainerMappings
{
    /// <summary>The flag of one container keyword, or null when <paramref name="keyword"/> is none of them.</summary>
    public static ContainerMapping? FromKeyword(string? keyword) => keyword switch
    {
        Keywords.List => ContainerMapping.List,
        Keywords.Set => ContainerMapping.Set,
        Keywords.Index => ContainerMapping.Index,
        Keywords.Language => ContainerMapping.Language,
        Keywords.Id => ContainerMapping.Id,
        Keywords.Type => ContainerMapping.Type,
        Keywords.Graph => ContainerMapping.Graph,
        _ => null,
    };

    /// <summary>True when every flag of <paramref name="flags"/> is set.</summary>
    public static bool Has(this ContainerMapping mapping, ContainerMapping flags) => (mapping & flags) == flags;

    /// <summary>The keywords, in the spec's order (for compaction's container lookup and for messages).</summary>
    public static IEnumerable<string> ToKeywords(this ContainerMapping mapping)
    {
        if (mapping.Has(ContainerMapping.Graph)) yield return DihNode.Rdf.Io.JsonLd.Keywords.Graph;
        if (mapping.Has(ContainerMapping.Id)) yield return DihNode.Rdf.Io.JsonLd.Keywords.Id;
        if (mapping.Has(ContainerMapping.Index)) yield return DihNode.Rdf.Io.JsonLd.Keywords.Index;
        if (mapping.Has(ContainerMapping.Language)) yield return DihNode.Rdf.Io.JsonLd.Keywords.Language;
        if (mapping.Has(ContainerMapping.List)) yield return DihNode.Rdf.Io.JsonLd.Keywords.List;
        if (mapping.Has(ContainerMapping.Set)) yield return DihNode.Rdf.Io.JsonLd.Keywords.Set;
        if (mapping.Has(ContainerMapping.Type)) yield return DihNode.Rdf.Io.JsonLd.Keywords.Type;
    }
}
