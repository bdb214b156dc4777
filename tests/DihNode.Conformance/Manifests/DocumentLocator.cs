namespace DihNode.Conformance.Manifests;

/// <summary>
/// Translates between the IRIs a suite's manifests use (relative IRIs resolved against the suite's
/// base) and the files in the shared folder.
/// </summary>
internal sealed class DocumentLocator
{
    public DocumentLocator(string baseIri, string folder)
    {
        BaseIri = baseIri.EndsWith('/') ? baseIri : baseIri + "/";
        Folder = Path.GetFullPath(folder);
    }

    /// <summary>The IRI of <see cref="Folder"/>, ending in '/'.</summary>
    public string BaseIri { get; }

    public string Folder { get; }

    /// <summary>A locator whose base is the folder's own file: IRI.</summary>
    public static DocumentLocator ForFiles(string folder) => new(FileIri(Path.GetFullPath(folder)), folder);

    /// <summary>The IRI of a file inside <see cref="Folder"/>.</summary>
    public string IriOf(string path)
    {
        string relative = Path.GetRelativePath(Folder, Path.GetFullPath(path)).Replace('\\', '/');
        if (relative.StartsWith("..", StringComparison.Ordinal))
            throw new ArgumentException($"{path} is outside {Folder}", nameof(path));
        return BaseIri + string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>True when <paramref name="iri"/> names something inside the folder.</summary>
    public bool Contains(string iri) => iri.StartsWith(BaseIri, StringComparison.Ordinal);

    /// <summary>The path after the base (no fragment), e.g. "sub/test.ttl".</summary>
    public string RelativePath(string iri)
    {
        if (!Contains(iri)) throw new ArgumentException($"<{iri}> is not under <{BaseIri}>", nameof(iri));
        string rest = iri[BaseIri.Length..];
        int cut = rest.IndexOfAny(['#', '?']);
        return Uri.UnescapeDataString(cut < 0 ? rest : rest[..cut]);
    }

    /// <summary>The local file an IRI names.</summary>
    /// <exception cref="ArgumentException">The IRI is not under the suite's base.</exception>
    public string PathOf(string iri) => Path.Combine(Folder, RelativePath(iri));

    private static string FileIri(string fullPath)
    {
        string path = fullPath.Replace('\\', '/');
        if (!path.StartsWith('/')) path = "/" + path;
        return "file://" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }
}
