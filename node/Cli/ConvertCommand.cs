using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Model;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode convert IN OUT</c>: streams the parser straight into the writer. The output goes to a
/// temporary file next to OUT that replaces OUT only once the whole input has parsed, so a syntax
/// error never leaves half a file. Prints the statement count to standard error. JSON-LD output is
/// compacted with the context of <c>--context FILE</c> (a context, or a document with <c>@context</c>),
/// and <c>--context-url URL</c> writes that URL as the document's <c>@context</c> instead of the
/// context itself (https://www.w3.org/TR/json-ld11/#the-context).
/// </summary>
internal static class ConvertCommand
{
    public const string Synopsis =
        "convert IN OUT [--from FMT] [--to FMT] [--base IRI] [--context FILE.jsonld [--context-url URL]]   ('-' is stdin/stdout)";

    public static int Run(CliArguments args)
    {
        string? from = args.Option("from"), to = args.Option("to"), baseIri = args.Option("base");
        string? context = args.Option("context"), contextUrl = args.Option("context-url");
        args.Expect(2);
        string input = args.Positional[0], output = args.Positional[1];
        var inFormat = RdfInput.ResolveFormat(input, from, "from");
        var outFormat = RdfInput.ResolveFormat(output, to, "to");
        if (input != "-" && !File.Exists(input)) throw new CliUsageException($"no such file '{input}'");
        var writerOptions = WriterOptions(outFormat, context, contextUrl);

        string temp = TemporaryPath(output);
        bool done = false;
        try
        {
            long count;
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = RdfWriter.Create(stream, outFormat, writerOptions))
            {
                var sink = new CountingSink(writer);
                try
                {
                    if (!RdfInput.TryParse(input, inFormat, baseIri, sink)) return CommandLine.Invalid;
                    writer.Finish();
                }
                catch (Exception e) when (e is InvalidOperationException or JsonLdException)
                {
                    // The writer refused a statement (a named graph into a triple-only format, a
                    // predicate RDF/XML cannot name, text XML cannot hold) or the given JSON-LD
                    // context is not a valid one.
                    Console.Error.WriteLine($"dihnode convert: {e.Message}");
                    return CommandLine.Invalid;
                }
                count = sink.Count;
            }
            if (output == "-") CopyToStandardOutput(temp);
            else File.Move(temp, output, overwrite: true);
            done = true;
            string unit = inFormat.SupportsDatasets() ? "quads" : "triples";
            Console.Error.WriteLine($"{count} {unit}");
            return CommandLine.Ok;
        }
        finally
        {
            if (!done || output == "-") File.Delete(temp);
        }
    }

    /// <summary>The writer options of <c>--context</c> and <c>--context-url</c>: JSON-LD output only, the URL only with the context it names.</summary>
    private static RdfWriterOptions? WriterOptions(RdfFormat outFormat, string? context, string? contextUrl)
    {
        if (context is null && contextUrl is null) return null;
        if (outFormat != RdfFormat.JsonLd) throw new CliUsageException("--context and --context-url apply to JSON-LD output only");
        if (context is null)
            throw new CliUsageException("--context-url needs --context FILE: the local copy of that context, which drives the compaction");
        if (!File.Exists(context)) throw new CliUsageException($"no such file '{context}'");
        if (contextUrl is not null && !Iri.TryCreate(contextUrl, out _))
            throw new CliUsageException($"--context-url '{contextUrl}' is not an absolute IRI");
        string text = File.ReadAllText(context);
        try
        {
            JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"--context '{context}' is not JSON: {e.Message}");
        }
        return new RdfWriterOptions { JsonLdContext = text, JsonLdContextUrl = contextUrl };
    }

    /// <summary>A fresh file in OUT's directory (same file system, so the final move is a rename); the system temp directory for stdout.</summary>
    private static string TemporaryPath(string output)
    {
        string dir;
        if (output == "-") dir = Path.GetTempPath();
        else
        {
            dir = Path.GetDirectoryName(Path.GetFullPath(output))!;
            if (!Directory.Exists(dir)) throw new CliUsageException($"no such directory '{dir}' for '{output}'");
        }
        return Path.Combine(dir, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
    }

    private static void CopyToStandardOutput(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false));
        var buffer = new char[1 << 14];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) Console.Out.Write(buffer, 0, n);
        Console.Out.Flush();
    }
}
