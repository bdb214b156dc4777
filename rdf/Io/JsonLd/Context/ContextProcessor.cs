using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Loading;

namespace DihNode.Rdf.Io.JsonLd.Context;

/// <summary>
/// The Context Processing algorithm (JSON-LD 1.1 API §4.1.2,
/// https://www.w3.org/TR/json-ld11-api/#context-processing-algorithm), Create Term Definition
/// (§4.2.2, in ContextProcessor.TermDefinitions.cs) and IRI Expansion (§5.2.2, in
/// ContextProcessor.IriExpansion.cs). One instance per API call: it caches the remote contexts it
/// has loaded, so a context referenced many times is fetched once.
/// </summary>
internal sealed partial class ContextProcessor
{
    private readonly Dictionary<string, (string DocumentUrl, JsonNode? Context)> _remoteCache = new(StringComparer.Ordinal);

    public ContextProcessor(JsonLdOptions options) => Options = options;

    public JsonLdOptions Options { get; }

    private bool Is10 => Options.IsJsonLd10;

    /// <summary>
    /// Processes <paramref name="localContext"/> (a context definition, an IRI, null, or an array of
    /// them) on top of <paramref name="activeContext"/> and returns the new active context.
    /// </summary>
    /// <param name="baseUrl">The URL of the document holding the context, for resolving remote context IRIs.</param>
    /// <param name="remoteContexts">Remote contexts being processed, for detecting overflow; null: none.</param>
    /// <param name="overrideProtected">Allow redefining protected terms (property-scoped contexts).</param>
    /// <param name="propagate">False for type-scoped contexts: remember the context to revert to.</param>
    /// <param name="validateScopedContext">False while defining scoped contexts: skip remote contexts already seen.</param>
    public ActiveContext Process(ActiveContext activeContext, JsonNode? localContext, string? baseUrl,
        List<string>? remoteContexts = null, bool overrideProtected = false, bool propagate = true, bool validateScopedContext = true)
    {
        if (remoteContexts is { Count: > 0 })
            return ProcessUncached(activeContext, localContext, baseUrl, remoteContexts, overrideProtected, propagate, validateScopedContext);

        // The same context applied to the same active context gives the same result (active contexts are
        // never changed once made), and documents repeat contexts node after node: remember results.
        var key = new ProcessKey(activeContext, JsonLdJson.AsString(localContext) ?? (object?)localContext ?? s_nullContext, baseUrl,
            overrideProtected, propagate, validateScopedContext);
        if (_processed.TryGetValue(key, out var cached)) return cached;
        var result = ProcessUncached(activeContext, localContext, baseUrl, [], overrideProtected, propagate, validateScopedContext);
        if (_processed.Count < MaxCachedContexts) _processed[key] = result;
        return result;
    }

    private const int MaxCachedContexts = 4096;
    private static readonly object s_nullContext = new();
    private readonly Dictionary<ProcessKey, ActiveContext> _processed = [];

    /// <summary>A cache key: the active context and a JSON context node by identity, a context IRI by value.</summary>
    private readonly record struct ProcessKey(ActiveContext Active, object Local, string? BaseUrl, bool OverrideProtected, bool Propagate, bool Validate)
    {
        public bool Equals(ProcessKey other) =>
            ReferenceEquals(Active, other.Active)
            && (ReferenceEquals(Local, other.Local) || (Local is string a && other.Local is string b && a == b))
            && BaseUrl == other.BaseUrl && OverrideProtected == other.OverrideProtected && Propagate == other.Propagate && Validate == other.Validate;

        public override int GetHashCode() =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(Active), Local is string s ? s.GetHashCode(StringComparison.Ordinal) : RuntimeHelpers.GetHashCode(Local),
                BaseUrl, OverrideProtected, Propagate, Validate);
    }

    private ActiveContext ProcessUncached(ActiveContext activeContext, JsonNode? localContext, string? baseUrl,
        List<string> remoteContexts, bool overrideProtected, bool propagate, bool validateScopedContext)
    {
        var result = activeContext.Clone();
        if (localContext is JsonObject map && map.TryGetPropertyValue(Keywords.Propagate, out var propagateValue))
        {
            if (!JsonLdJson.IsBoolean(propagateValue)) JsonLdException.Throw(JsonLdErrorCode.InvalidPropagateValue, "@propagate must be true or false");
            propagate = propagateValue!.GetValue<bool>();
        }
        if (!propagate && result.PreviousContext is null) result.PreviousContext = activeContext;

        foreach (var context in JsonLdJson.AsArray(localContext))
        {
            switch (context)
            {
                case null:
                    if (!overrideProtected && result.HasProtectedTerms())
                        JsonLdException.Throw(JsonLdErrorCode.InvalidContextNullification, "a null context cannot remove protected terms");
                    var previous = result;
                    result = new ActiveContext(activeContext.OriginalBaseUrl);
                    if (!propagate) result.PreviousContext = previous;
                    continue;
                case JsonValue value when JsonLdJson.AsString(value) is { } reference:
                    result = ProcessRemote(result, reference, baseUrl, remoteContexts, validateScopedContext);
                    continue;
                case JsonObject definition:
                    ProcessDefinition(result, definition, baseUrl, remoteContexts, overrideProtected);
                    continue;
                default:
                    JsonLdException.Throw(JsonLdErrorCode.InvalidLocalContext, $"a context must be an object, a string or null, not {context.ToJsonString()}");
                    break;
            }
        }
        return result;
    }

    /// <summary>§4.1.2 step 5.2: a context given by IRI.</summary>
    private ActiveContext ProcessRemote(ActiveContext result, string reference, string? baseUrl, List<string> remoteContexts, bool validateScopedContext)
    {
        string url = ResolveContextIri(reference, baseUrl);
        if (!validateScopedContext && remoteContexts.Contains(url)) return result;
        if (remoteContexts.Count >= Options.MaxContextDepth)
            JsonLdException.Throw(JsonLdErrorCode.ContextOverflow, $"more than {Options.MaxContextDepth} nested remote contexts (at <{url}>)");
        remoteContexts.Add(url);
        var (documentUrl, loaded) = LoadContext(url);
        return Process(result, loaded, documentUrl, [.. remoteContexts], validateScopedContext: validateScopedContext);
    }

    private static string ResolveContextIri(string reference, string? baseUrl)
    {
        if (IriResolver.HasScheme(reference)) return IriResolver.Resolve(reference, reference);
        if (baseUrl is null || !IriResolver.HasScheme(baseUrl))
            JsonLdException.Throw(JsonLdErrorCode.LoadingRemoteContextFailed, $"the context reference \"{reference}\" is relative and there is no base IRI");
        return IriResolver.Resolve(baseUrl, reference);
    }

    /// <summary>Loads (once) the document at <paramref name="url"/> and returns its @context entry.</summary>
    private (string DocumentUrl, JsonNode? Context) LoadContext(string url)
    {
        if (_remoteCache.TryGetValue(url, out var cached)) return cached;
        RemoteDocument document;
        try
        {
            document = Options.DocumentLoader.Load(url, LoadDocumentOptions.Context);
        }
        catch (JsonLdException e) when (e.Code is JsonLdErrorCode.LoadingDocumentFailed or JsonLdErrorCode.InvalidJson or JsonLdErrorCode.MultipleContextLinkHeaders)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingRemoteContextFailed, $"<{url}>: {e.Detail ?? e.Message}", e);
        }
        if (document.Document is not JsonObject root || !root.TryGetPropertyValue(Keywords.Context, out var context))
            throw new JsonLdException(JsonLdErrorCode.InvalidRemoteContext, $"<{url}> is not a JSON object with an @context entry");
        var entry = (document.DocumentUrl, context);
        _remoteCache[url] = entry;
        return entry;
    }

    /// <summary>§4.1.2 steps 5.5 to 5.13: one context definition (a JSON object).</summary>
    private void ProcessDefinition(ActiveContext result, JsonObject context, string? baseUrl, List<string> remoteContexts, bool overrideProtected)
    {
        if (context.TryGetPropertyValue(Keywords.Version, out var version))
        {
            if (version is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || v.GetValue<double>() != 1.1)
                JsonLdException.Throw(JsonLdErrorCode.InvalidVersionValue, $"@version must be the number 1.1, not {version?.ToJsonString() ?? "null"}");
            if (Is10) JsonLdException.Throw(JsonLdErrorCode.ProcessingModeConflict, "@version 1.1 in json-ld-1.0 processing mode");
        }

        if (context.TryGetPropertyValue(Keywords.Import, out var import))
        {
            if (Is10) JsonLdException.Throw(JsonLdErrorCode.InvalidContextEntry, "@import is not available in json-ld-1.0");
            if (JsonLdJson.AsString(import) is not { } importRef) throw new JsonLdException(JsonLdErrorCode.InvalidImportValue, "@import must be a string");
            string url = ResolveContextIri(importRef, baseUrl);
            var (_, imported) = LoadContext(url);
            if (imported is not JsonObject importedMap)
                throw new JsonLdException(JsonLdErrorCode.InvalidRemoteContext, $"the imported context <{url}> is not a context definition");
            if (importedMap.ContainsKey(Keywords.Import))
                JsonLdException.Throw(JsonLdErrorCode.InvalidContextEntry, $"the imported context <{url}> itself has @import");
            var merged = new JsonObject();
            foreach (var (key, value) in importedMap) merged[key] = JsonLdJson.Clone(value);
            foreach (var (key, value) in context)
                if (key != Keywords.Import) merged[key] = JsonLdJson.Clone(value);
            context = merged;
        }

        if (context.TryGetPropertyValue(Keywords.Base, out var baseValue) && remoteContexts.Count == 0)
        {
            if (baseValue is null) result.BaseIri = null;
            else if (JsonLdJson.AsString(baseValue) is not { } baseText)
                JsonLdException.Throw(JsonLdErrorCode.InvalidBaseIri, "@base must be a string or null");
            else if (IriResolver.HasScheme(baseText)) result.BaseIri = baseText;
            else if (result.BaseIri is not null) result.BaseIri = IriResolver.Resolve(result.BaseIri, baseText);
            else JsonLdException.Throw(JsonLdErrorCode.InvalidBaseIri, $"the relative @base \"{baseText}\" has no base IRI to resolve against");
        }

        if (context.TryGetPropertyValue(Keywords.Vocab, out var vocab))
        {
            if (vocab is null) result.Vocab = null;
            else if (JsonLdJson.AsString(vocab) is not { } vocabText)
                JsonLdException.Throw(JsonLdErrorCode.InvalidVocabMapping, "@vocab must be a string or null");
            else
            {
                if (Is10 && !IriResolver.HasScheme(vocabText) && !vocabText.StartsWith("_:", StringComparison.Ordinal))
                    JsonLdException.Throw(JsonLdErrorCode.InvalidVocabMapping, $"@vocab \"{vocabText}\" must be absolute in json-ld-1.0");
                string? expanded = ExpandIri(result, vocabText, documentRelative: true, vocab: true);
                if (expanded is null || !(IriResolver.HasScheme(expanded) || expanded.StartsWith("_:", StringComparison.Ordinal)))
                    JsonLdException.Throw(JsonLdErrorCode.InvalidVocabMapping, $"@vocab \"{vocabText}\" is not an IRI");
                result.Vocab = expanded;
            }
        }

        if (context.TryGetPropertyValue(Keywords.Language, out var language))
        {
            if (language is null) result.DefaultLanguage = null;
            else if (JsonLdJson.AsString(language) is { } tag) result.DefaultLanguage = tag;
            else JsonLdException.Throw(JsonLdErrorCode.InvalidDefaultLanguage, "@language must be a string or null");
        }

        if (context.TryGetPropertyValue(Keywords.Direction, out var direction))
        {
            if (Is10) JsonLdException.Throw(JsonLdErrorCode.InvalidContextEntry, "@direction is not available in json-ld-1.0");
            if (direction is null) result.DefaultDirection = null;
            else if (JsonLdJson.AsString(direction) is "ltr" or "rtl") result.DefaultDirection = direction.GetValue<string>();
            else JsonLdException.Throw(JsonLdErrorCode.InvalidBaseDirection, "@direction must be \"ltr\", \"rtl\" or null");
        }

        if (context.TryGetPropertyValue(Keywords.Propagate, out var propagate))
        {
            if (Is10) JsonLdException.Throw(JsonLdErrorCode.InvalidContextEntry, "@propagate is not available in json-ld-1.0");
            if (!JsonLdJson.IsBoolean(propagate)) JsonLdException.Throw(JsonLdErrorCode.InvalidPropagateValue, "@propagate must be true or false");
        }

        bool isProtected = false;
        if (context.TryGetPropertyValue(Keywords.Protected, out var protectedValue))
        {
            if (Is10) JsonLdException.Throw(JsonLdErrorCode.InvalidContextEntry, "@protected is not available in json-ld-1.0");
            if (!JsonLdJson.IsBoolean(protectedValue)) JsonLdException.Throw(JsonLdErrorCode.InvalidProtectedValue, "@protected must be true or false");
            isProtected = protectedValue!.GetValue<bool>();
        }

        var defined = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (key, _) in context)
        {
            if (key is Keywords.Base or Keywords.Direction or Keywords.Import or Keywords.Language or Keywords.Propagate
                or Keywords.Protected or Keywords.Version or Keywords.Vocab)
                continue;
            CreateTermDefinition(result, context, key, defined, baseUrl, isProtected, overrideProtected, remoteContexts);
        }
    }
}
