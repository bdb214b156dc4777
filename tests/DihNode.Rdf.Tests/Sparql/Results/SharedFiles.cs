namespace DihNode.Rdf.Tests.Sparql.Results;

/// <summary>Finds the shared, read-only W3C material: $DIHNODE_SHARED, else ../shared next to the repository root.</summary>
internal static class SharedFiles
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string Conformance => Path.Combine(Root, "conformance");

    private static string FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("DIHNODE_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DihNode.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        }
        throw new InvalidOperationException("DihNode.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every file under sparql10 and sparql11 with one of the extensions, as paths relative to the conformance folder.</summary>
    public static IEnumerable<object[]> ResultFiles(params string[] extensions)
    {
        foreach (string suite in new[] { "sparql10", "sparql11" })
        {
            string dir = Path.Combine(Conformance, suite);
            if (!Directory.Exists(dir)) continue;
            foreach (string file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                    yield return [Path.GetRelativePath(Conformance, file).Replace('\\', '/')];
            }
        }
    }
}
