namespace DihNode.Rdf.Io;

/// <summary>
/// The prefixes a writer declares: those the source document declared (passed on through
/// <see cref="IQuadSink.OnPrefix"/>), overridden by those of <see cref="RdfWriterOptions.Prefixes"/>.
/// </summary>
internal static class WriterPrefixes
{
    /// <summary>
    /// <paramref name="source"/> with the options' prefixes laid over it (it is changed in place), or
    /// the options' prefixes alone when the source declared none.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Merge(Dictionary<string, string>? source, RdfWriterOptions? options)
    {
        if (source is null) return options?.Prefixes;
        if (options?.Prefixes is { } given)
            foreach (var (prefix, ns) in given) source[prefix] = ns;
        return source;
    }
}
