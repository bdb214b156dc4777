using System.Diagnostics;
using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Reliability.Tests.Support;
using DihNode.Vocab.Csv;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Fuzz;

/// <summary>
/// Issue 11 item 9: mutations of the W3C syntax tests (positive and negative) and of the hub CSVs fed
/// to every parser. Each input either parses or fails with the parser's documented syntax exception
/// (<see cref="RdfSyntaxException"/>, <see cref="SparqlSyntaxException"/>,
/// <see cref="SparqlResultsSyntaxException"/>, <see cref="CsvFormatException"/>), within 5 s. Bounded:
/// the seeds themselves and 20,000 mutations per parser; <c>DIHNODE_LONG_TESTS=1</c>: 1,000,000.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_inputLimit = TimeSpan.FromSeconds(5);
    private static readonly Lazy<ReferenceData> s_reference = new(() =>
        ReferenceData.Load(Path.Combine(TestEnvironment.SharedRoot, "data"), new ProfileIris(ProfileIris.DefaultBase)));

    private static int Iterations => TestEnvironment.Long ? 1_000_000 : 20_000;

    public static TheoryData<string> Parsers => new()
    {
        "n-triples", "n-quads", "turtle", "trig", "rdf-xml", "json-ld", "sparql-query", "sparql-update",
        "results-json", "results-xml", "results-csv", "results-tsv", "hub-csv",
    };

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task MutatedInputsParseOrFailWithTheSyntaxException(string parser)
    {
        var seeds = Seeds(parser);
        Assert.True(seeds.Count >= 3, $"{parser}: only {seeds.Count} seeds");
        // A stable seed per parser (string.GetHashCode is randomised per process), so a failure repeats.
        var mutator = new Mutator(parser.Aggregate(20261125, (h, c) => h * 31 + c));
        int parsed = 0, rejected = 0;
        TimeSpan slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        int total = seeds.Count + Iterations;
        for (int i = 0; i < total; i++)
        {
            byte[] input = i < seeds.Count ? seeds[i] : mutator.Mutate(seeds[i % seeds.Count], seeds);
            var run = Task.Run(() =>
            {
                var one = Stopwatch.StartNew();
                try
                {
                    Parse(parser, input);
                    return (Ok: true, Error: (Exception?)null, one.Elapsed);
                }
                catch (Exception e) when (IsDocumented(parser, e))
                {
                    return (Ok: false, Error: (Exception?)null, one.Elapsed);
                }
                catch (Exception e)
                {
                    return (Ok: false, Error: e, one.Elapsed);
                }
            });
            if (await Task.WhenAny(run, Task.Delay(s_inputLimit)) != run)
                Assert.Fail($"{parser}: input {i} ran over {s_inputLimit.TotalSeconds} s: {Save(parser, i, input)}");
            var (ok, error, elapsed) = await run;
            if (error is not null)
                Assert.Fail($"{parser}: input {i} threw {error.GetType().FullName}: {error.Message} ({Save(parser, i, input)})\n{error.StackTrace}");
            if (elapsed > slowest) slowest = elapsed;
            if (ok) parsed++;
            else rejected++;
        }
        output.WriteLine($"{parser}: {seeds.Count} seeds and {Iterations} mutations in {clock.Elapsed.TotalSeconds:F1} s: {parsed} parsed, {rejected} rejected with the syntax exception; slowest {slowest.TotalMilliseconds:F0} ms");
    }

    private static bool IsDocumented(string parser, Exception e) => parser switch
    {
        "sparql-query" or "sparql-update" => e is SparqlSyntaxException,
        "results-json" or "results-xml" or "results-csv" or "results-tsv" => e is SparqlResultsSyntaxException,
        "hub-csv" => e is CsvFormatException,
        _ => e is RdfSyntaxException,
    };

    private static void Parse(string parser, byte[] input)
    {
        var options = new RdfParserOptions { BaseIri = "http://example.org/base/doc" };
        switch (parser)
        {
            case "n-triples": RdfParser.Parse(input, RdfFormat.NTriples, NullSink.Instance, options); break;
            case "n-quads": RdfParser.Parse(input, RdfFormat.NQuads, NullSink.Instance, options); break;
            case "turtle": RdfParser.Parse(input, RdfFormat.Turtle, NullSink.Instance, options); break;
            case "trig": RdfParser.Parse(input, RdfFormat.TriG, NullSink.Instance, options); break;
            case "rdf-xml": RdfParser.Parse(input, RdfFormat.RdfXml, NullSink.Instance, options); break;
            case "json-ld": RdfParser.Parse(input, RdfFormat.JsonLd, NullSink.Instance, options); break;
            case "sparql-query": SparqlParser.ParseQuery(Utf8(input), "http://example.org/base/q"); break;
            case "sparql-update": SparqlParser.ParseUpdate(Utf8(input), "http://example.org/base/u"); break;
            case "results-json": SparqlResultReader.Read(new MemoryStream(input), SparqlResultFormat.Json, "fuzz"); break;
            case "results-xml": SparqlResultReader.Read(new MemoryStream(input), SparqlResultFormat.Xml, "fuzz"); break;
            case "results-csv": SparqlResultReader.Read(new MemoryStream(input), SparqlResultFormat.Csv, "fuzz"); break;
            case "results-tsv": SparqlResultReader.Read(new MemoryStream(input), SparqlResultFormat.Tsv, "fuzz"); break;
            case "hub-csv":
                new CsvReader().Read(input);
                HubImporter.Read(new MemoryStream(input), HubInputFormat.Csv, s_reference.Value, "fuzz.csv");
                break;
            default: throw new ArgumentException(parser);
        }
    }

    /// <summary>The text a client's bytes decode to (invalid UTF-8 becomes U+FFFD, as the endpoints decode it).</summary>
    private static string Utf8(byte[] input) => Encoding.UTF8.GetString(input);

    private static List<byte[]> Seeds(string parser)
    {
        string c = TestEnvironment.Conformance;
        IEnumerable<string> files = parser switch
        {
            "n-triples" => Files(Path.Combine(c, "rdf11", "rdf-n-triples"), "*.nt"),
            "n-quads" => Files(Path.Combine(c, "rdf11", "rdf-n-quads"), "*.nq"),
            "turtle" => Files(Path.Combine(c, "rdf11", "rdf-turtle"), "*.ttl"),
            "trig" => Files(Path.Combine(c, "rdf11", "rdf-trig"), "*.trig"),
            "rdf-xml" => Files(Path.Combine(c, "rdf11", "rdf-xml"), "*.rdf"),
            "json-ld" => Files(Path.Combine(c, "jsonld", "toRdf"), "*-in.jsonld"),
            "sparql-query" => Files(Path.Combine(c, "sparql11"), "*.rq").Concat(Files(Path.Combine(c, "sparql10"), "*.rq")),
            "sparql-update" => Files(Path.Combine(c, "sparql11"), "*.ru"),
            "results-json" => Files(Path.Combine(c, "sparql11"), "*.srj"),
            "results-xml" => Files(Path.Combine(c, "sparql11"), "*.srx").Concat(Files(Path.Combine(c, "sparql10"), "*.srx")),
            "results-csv" => Files(Path.Combine(c, "sparql11"), "*.csv"),
            "results-tsv" => Files(Path.Combine(c, "sparql11"), "*.tsv"),
            "hub-csv" => [Path.Combine(AppContext.BaseDirectory, "hub-template.csv")],
            _ => throw new ArgumentException(parser),
        };
        var seeds = files.Where(File.Exists).Select(File.ReadAllBytes).Where(b => b.Length < 200_000).ToList();
        if (parser == "hub-csv") seeds.AddRange(HubCsvSeeds());
        return seeds;
    }

    private static IEnumerable<byte[]> HubCsvSeeds()
    {
        const string Header = "id,name,title,type,country,street,postcode,city,website,description,sectors,services,technologies\n";
        yield return Encoding.UTF8.GetBytes(Header + "si-1,DIH Slovenia,Digital Innovation Hub Slovenia,DIH,SI,Tehnološki park 19,1000,Ljubljana,https://dihslovenia.si,\"Hub, with a comma\",Health care=4|Energy=2,SME support=5,Big data=3\n");
        yield return Encoding.UTF8.GetBytes(Header + "at-7,Hub Wien,,EDIH,AT,Praterstraße 1,1020,Wien,,,,,\nx-1,\"Quoted \"\"name\"\"\",,DIH,FR,,,,,\"multi\nline\",,,\n");
        yield return Encoding.UTF8.GetBytes(Header + "x-0,,,DIH,SI,,,,,,,,\nx-3,Hub Z,,DIH,FR,,,,,,Energy=7,,\n");
        string edih = Path.Combine(TestEnvironment.SharedRoot, "data", "dih", "edih-catalogue-2025.csv");
        if (File.Exists(edih)) yield return Encoding.UTF8.GetBytes(string.Join("\n", File.ReadLines(edih).Take(15)));
    }

    private static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [];

    private static string Save(string parser, int index, byte[] input)
    {
        string path = Path.Combine(Path.GetTempPath(), $"dihnode-fuzz-{parser}-{index}.bin");
        File.WriteAllBytes(path, input);
        return "input saved to " + path;
    }

    private sealed class NullSink : IQuadSink
    {
        public static readonly NullSink Instance = new();

        public void Add(in Quad quad) { }
    }
}
