using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd.Context;

/// <summary>
/// A term definition (JSON-LD 1.1 API §4.1, https://www.w3.org/TR/json-ld11-api/#dfn-term-definition).
/// Immutable once created by <see cref="ContextProcessor"/>. Mappings the spec distinguishes as
/// "absent" and "null" (language, direction) carry a Has... flag.
/// </summary>
internal sealed class TermDefinition
{
    /// <summary>The IRI, blank node identifier or keyword the term expands to; null for a term defined as null.</summary>
    public string? IriMapping { get; init; }

    /// <summary>The term may be used as the prefix of a compact IRI.</summary>
    public bool IsPrefix { get; init; }

    public bool IsProtected { get; init; }

    /// <summary>The term names a reverse property (@reverse).</summary>
    public bool IsReverse { get; init; }

    /// <summary>The base URL a scoped context is resolved against.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The scoped context (@context of the definition), unprocessed; see <see cref="HasLocalContext"/>.</summary>
    public JsonNode? LocalContext { get; init; }

    /// <summary>True when the definition has a scoped context (which may be null, to reset).</summary>
    public bool HasLocalContext { get; init; }

    public ContainerMapping Container { get; init; }

    /// <summary>True when the definition has an @container entry at all (even @set only).</summary>
    public bool HasContainer { get; init; }

    /// <summary>"ltr", "rtl", or null for "no direction"; see <see cref="HasDirection"/>.</summary>
    public string? DirectionMapping { get; init; }

    public bool HasDirection { get; init; }

    /// <summary>The language tag, or null for "no language"; see <see cref="HasLanguage"/>.</summary>
    public string? LanguageMapping { get; init; }

    public bool HasLanguage { get; init; }

    /// <summary>The @nest value: "@nest" or a term that aliases it.</summary>
    public string? NestValue { get; init; }

    /// <summary>The property used for index maps (@index with a property, §4.2.2 step 20).</summary>
    public string? IndexMapping { get; init; }

    /// <summary>"@id", "@vocab", "@json", "@none" or an absolute IRI.</summary>
    public string? TypeMapping { get; init; }

    /// <summary>Same definition apart from the protected flag (§4.2.2 step 27.1).</summary>
    public bool SameAs(TermDefinition other) =>
        IriMapping == other.IriMapping
        && IsPrefix == other.IsPrefix
        && IsReverse == other.IsReverse
        && HasLocalContext == other.HasLocalContext
        && (!HasLocalContext || JsonNode.DeepEquals(LocalContext, other.LocalContext))
        && Container == other.Container
        && HasContainer == other.HasContainer
        && HasDirection == other.HasDirection && DirectionMapping == other.DirectionMapping
        && HasLanguage == other.HasLanguage && LanguageMapping == other.LanguageMapping
        && NestValue == other.NestValue
        && IndexMapping == other.IndexMapping
        && TypeMapping == other.TypeMapping;

    /// <summary>A copy with <see cref="IsProtected"/> changed.</summary>
    public TermDefinition WithProtected(bool isProtected) => new()
    {
        IriMapping = IriMapping, IsPrefix = IsPrefix, IsProtected = isProtected, IsReverse = IsReverse, BaseUrl = BaseUrl,
        LocalContext = LocalContext, HasLocalContext = HasLocalContext, Container = Container, HasContainer = HasContainer,
        DirectionMapping = DirectionMapping, HasDirection = HasDirection, LanguageMapping = LanguageMapping,
        HasLanguage = HasLanguage, NestValue = NestValue, IndexMapping = IndexMapping, TypeMapping = TypeMapping,
    };
}
