using System.Diagnostics;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Shacl;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Shapes;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode validate DATA... --shapes SHAPES... [--format text|ttl] [--base-iri IRI]</c>: validates the
/// data files (all graphs merged) against the shapes files with our SHACL validator (SHACL Core and
/// SHACL-SPARQL, https://www.w3.org/TR/shacl/). <c>--shapes dih</c> names the DIH profile's shapes built
/// into the node, for data minted under <c>--base-iri</c>. The report goes to standard output: one line
/// per result (<c>text</c>, the default) or a <c>sh:ValidationReport</c> in Turtle (<c>ttl</c>); counts
/// and time go to standard error. Exit 0 when the data conforms, 1 when there are results, 2 when the
/// input cannot be used: a missing file, a syntax error (<c>FILE:LINE:COLUMN: message</c>), ill-formed shapes.
/// </summary>
internal static class ValidateCommand
{
    public const string Synopsis = "validate DATA... --shapes SHAPES... [--format text|ttl] [--base-iri IRI]   (--shapes dih: the DIH profile's shapes)";

    /// <summary>The name that stands for the built-in DIH profile shapes.</summary>
    public const string BuiltInShapes = "dih";

    private const string ShaclNamespace = "http://www.w3.org/ns/shacl#";

    public static int Run(CliArguments args)
    {
        var shapesFiles = args.Options("shapes");
        string output = args.Option("format") ?? "text";
        string baseIri = args.Option("base-iri") ?? ProfileIris.DefaultBase;
        args.ExpectAtLeast(1);
        if (shapesFiles.Count == 0) throw new CliUsageException("--shapes SHAPES... is required");
        if (output is not ("text" or "ttl")) throw new CliUsageException($"unknown report format '{output}' (text or ttl)");

        var clock = Stopwatch.StartNew();
        var data = new List<Quad>();
        foreach (string path in args.Positional)
            if (!TryRead(path, data)) return CommandLine.UsageError;
        var shapes = new List<Quad>();
        foreach (string path in shapesFiles)
        {
            if (path == BuiltInShapes && !File.Exists(path))
            {
                ProfileIris iris;
                try { iris = new ProfileIris(baseIri); }
                catch (FormatException e) { throw new CliUsageException("--base-iri: " + e.Message); }
                shapes.AddRange(DihShapes.Load(iris));
            }
            else if (!TryRead(path, shapes))
            {
                return CommandLine.UsageError;
            }
        }
        double readSeconds = clock.Elapsed.TotalSeconds;

        ValidationReport report;
        clock.Restart();
        try
        {
            report = ShaclValidator.Validate(data, shapes);
        }
        catch (ShaclException e)
        {
            Console.Error.WriteLine($"dihnode validate: the shapes cannot be used: {e.Message}");
            return CommandLine.UsageError;
        }
        double validateSeconds = clock.Elapsed.TotalSeconds;

        if (output == "ttl")
        {
            using var stream = new TextWriterStream(Console.Out);
            RdfWriter.Write(stream, RdfFormat.Turtle, report.ToQuads(), new RdfWriterOptions
            {
                Prefixes = new Dictionary<string, string> { ["sh"] = ShaclNamespace, ["rdf"] = Vocabulary.Rdf.Namespace, ["xsd"] = Vocabulary.Xsd.Namespace },
            });
            Console.Out.Flush();
        }
        else
        {
            Console.Out.Write(report.ToText());
        }
        Console.Error.WriteLine($"{data.Count} data statements, {shapes.Count} shapes statements: {report.Results.Count} results; read in {readSeconds:F2} s, validated in {validateSeconds:F2} s");
        return report.Conforms ? CommandLine.Ok : CommandLine.Invalid;
    }

    /// <summary>Parses one file (format from its extension) into <paramref name="into"/>; false after printing where it is broken.</summary>
    private static bool TryRead(string path, List<Quad> into)
    {
        var format = RdfFormats.FromFileName(path)
            ?? throw new CliUsageException($"cannot tell the RDF syntax of '{path}' from its extension (.ttl, .nt, .nq, .trig, .rdf, .jsonld)");
        return RdfInput.TryParse(path, format, null, new ListSink(into));
    }

    private sealed class ListSink(List<Quad> into) : IQuadSink
    {
        public void Add(in Quad quad) => into.Add(quad);
    }
}
