using System.Diagnostics;
using DihNode.Node.Tests.Cli;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Shacl;

namespace DihNode.Node.Tests.Shapes;

/// <summary>
/// Runs our validator and Apache Jena SHACL (<c>$DIHNODE_SHARED/tools/jena-shacl</c>) on the same files
/// and reduces each report graph to comparable keys: <c>focus node | path | constraint component</c>.
/// </summary>
internal static class ShaclTestKit
{
    private const string Sh = "http://www.w3.org/ns/shacl#";

    private static readonly Lazy<string?> s_jenaMissing = new(FindJenaProblem);

    /// <summary>Why Jena cannot run here (no wrapper, no Java), or null when it can.</summary>
    public static string? JenaMissing => s_jenaMissing.Value;

    public static string JenaTool => Path.Combine(CliTestHost.SharedRoot(), "tools", "jena-shacl");

    /// <summary>Our report, as the keys of its RDF form (the same reduction as Jena's).</summary>
    public static SortedSet<string> OurKeys(IEnumerable<Quad> data, IEnumerable<Quad> shapes, out ValidationReport report)
    {
        report = ShaclValidator.Validate(data, shapes);
        return Keys(report.ToQuads());
    }

    /// <summary>Jena's report on the two files: whether it conforms, and its keys.</summary>
    public static (bool Conforms, SortedSet<string> Keys) JenaKeys(string dataFile, string shapesFile)
    {
        var (exit, output, error) = RunJena(dataFile, shapesFile);
        Assert.True(exit is 0 or 1, $"jena-shacl failed (exit {exit}): {error}\n{output}");
        var quads = new List<Quad>();
        RdfParser.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(output)), RdfFormat.Turtle, new ListSink(quads),
            new RdfParserOptions { SourceName = "jena report" });
        return (exit == 0, Keys(quads));
    }

    /// <summary><c>focus | path | component</c> for each sh:ValidationResult of a report graph.</summary>
    public static SortedSet<string> Keys(IReadOnlyList<Quad> report)
    {
        var bySubject = report.ToLookup(q => q.Subject);
        Term? One(Term s, string p) => bySubject[(NamedOrBlankNode)s].FirstOrDefault(q => q.Predicate.Value == Sh + p).Object;
        string Path(Term? path) => path switch
        {
            null => "-",
            Iri iri => iri.Value,
            BlankNode b when One(b, "inversePath") is Iri inverse => "^" + inverse.Value,
            _ => "(complex path)",
        };
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var q in report)
        {
            if (q.Predicate != Vocabulary.Rdf.Type || q.Object is not Iri { Value: Sh + "ValidationResult" }) continue;
            var focus = One(q.Subject, "focusNode");
            string component = ((Iri)One(q.Subject, "sourceConstraintComponent")!).Value;
            keys.Add($"{(focus is Iri f ? f.Value : focus?.ToString())} | {Path(One(q.Subject, "resultPath"))} | {component[(component.IndexOf('#') + 1)..]}");
        }
        return keys;
    }

    public static List<Quad> Read(string path)
    {
        var quads = new List<Quad>();
        using var stream = File.OpenRead(path);
        RdfParser.Parse(stream, RdfFormats.FromFileName(path)!.Value, new ListSink(quads), new RdfParserOptions { SourceName = path });
        return quads;
    }

    public static void Write(string path, IEnumerable<Quad> quads)
    {
        using var stream = File.Create(path);
        RdfWriter.Write(stream, RdfFormats.FromFileName(path)!.Value, quads);
    }

    private static (int Exit, string Output, string Error) RunJena(string dataFile, string shapesFile)
    {
        var psi = new ProcessStartInfo(JenaTool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dataFile);
        psi.ArgumentList.Add(shapesFile);
        using var process = Process.Start(psi)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static string? FindJenaProblem()
    {
        if (!File.Exists(JenaTool)) return "the Jena SHACL wrapper is missing: " + JenaTool;
        string? java = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "java")).FirstOrDefault(File.Exists);
        if (java is null) return "Java is not installed (no java on PATH), so Apache Jena cannot run";
        string javaDir = Environment.GetEnvironmentVariable("JAVA_DIR") ?? "/usr/share/java";
        if (!File.Exists(Path.Combine(javaDir, "jena-arq.jar")))
            return $"Apache Jena is not installed ({javaDir}/jena-arq.jar missing; apt-get install libapache-jena-java)";
        return null;
    }

    private sealed class ListSink(List<Quad> into) : IQuadSink
    {
        public void Add(in Quad quad) => into.Add(quad);
    }
}
