namespace DihNode.Rdf.Io.JsonLd.Compaction;

/// <summary>
/// Turns an absolute IRI into a relative reference against a base (the reverse of RFC 3986 §5.2),
/// for IRI Compaction with <c>compactToRelative</c>: same scheme and authority only; the path
/// climbs with "../" from the base's directory; the result resolves back to the IRI.
/// </summary>
internal static class RelativeIris
{
    private readonly record struct Parts(string Root, string Path, string? Query, string? Fragment);

    public static string Relativize(string baseIri, string iri)
    {
        if (Split(baseIri) is not { } b || Split(iri) is not { } i || !string.Equals(b.Root, i.Root, StringComparison.Ordinal)) return iri;

        string suffix = (i.Query is null ? "" : "?" + i.Query) + (i.Fragment is null ? "" : "#" + i.Fragment);
        if (i.Path == b.Path)
        {
            if (i.Query == b.Query && i.Fragment is not null) return "#" + i.Fragment;
            if (i.Query is not null) return "?" + i.Query + (i.Fragment is null ? "" : "#" + i.Fragment);
        }

        string[] baseSegments = b.Path.Split('/');
        string[] segments = i.Path.Split('/');
        // Directories of the base are all segments but the last; the IRI's last segment is its file.
        int baseDirs = baseSegments.Length - 1, dirs = segments.Length - 1;
        int common = 0;
        while (common < baseDirs && common < dirs && baseSegments[common] == segments[common]) common++;
        if (common == 0) return i.Path.Length == 0 ? iri : i.Path + suffix;

        var parts = new List<string>();
        for (int k = common; k < baseDirs; k++) parts.Add("..");
        for (int k = common; k < segments.Length; k++) parts.Add(segments[k]);
        string path = string.Join('/', parts);
        if (path.Length == 0) path = "./";
        else if (parts[0].Contains(':')) path = "./" + path;
        return path + suffix;
    }

    /// <summary>Scheme and authority, path, query and fragment of an absolute IRI; null for a relative one.</summary>
    private static Parts? Split(string iri)
    {
        int colon = iri.IndexOf(':');
        if (colon <= 0) return null;
        int hash = iri.IndexOf('#');
        string? fragment = hash < 0 ? null : iri[(hash + 1)..];
        string rest = hash < 0 ? iri : iri[..hash];
        int question = rest.IndexOf('?');
        string? query = question < 0 ? null : rest[(question + 1)..];
        if (question >= 0) rest = rest[..question];
        int pathStart = colon + 1;
        if (rest.AsSpan(pathStart).StartsWith("//"))
        {
            int slash = rest.IndexOf('/', pathStart + 2);
            pathStart = slash < 0 ? rest.Length : slash;
        }
        return new Parts(rest[..pathStart], rest[pathStart..], query, fragment);
    }
}
