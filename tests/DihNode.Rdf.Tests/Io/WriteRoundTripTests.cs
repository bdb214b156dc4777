using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.WriteTestHelper;

namespace DihNode.Rdf.Tests.Io;

/// <summary>Writes data in each format, parses it back and compares it with what was written.</summary>
public class WriteRoundTripTests
{
    private sealed class Collect : IQuadSink
    {
        public readonly List<Quad> Quads = [];
        public void Add(in Quad quad) => Quads.Add(quad);
    }

    private static List<Quad> Parse(string text, RdfFormat format)
    {
        var sink = new Collect();
        RdfParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), format, sink);
        return sink.Quads;
    }

    private static void AssertRoundTrip(IReadOnlyList<Quad> quads, RdfFormat format, RdfWriterOptions? options = null)
    {
        string text = Write(format, quads, options);
        List<Quad> back;
        try
        {
            back = Parse(text, format);
        }
        catch (RdfSyntaxException e)
        {
            Assert.Fail($"{format} output does not parse: {e.Message}\n{text}");
            return;
        }
        string? difference = Isomorphism.DescribeDifference(quads, back);
        Assert.True(difference is null, $"{format} round trip differs: {difference}\n--- text ---\n{text}");
    }

    /// <summary>Data meant to trip a writer: escapes, odd local names, numbers, lists, cycles, shared and deep blank nodes.</summary>
    internal static List<Quad> Tricky(NamedOrBlankNode? g, string tag)
    {
        var q = new List<Quad>();
        Iri P(string l) => Iri.FromTrusted(Ex + l);
        BlankNode N(string l) => B(l + tag);
        q.Add(new Quad(I("s"), Vocabulary.Rdf.Type, I("C"), g));
        q.Add(new Quad(I("a/b#c?d"), P("p"), Literal.Simple("q\"uo\\te\nline\ttab\u0001\u007F\r é 😀 '''\"\"\""), g));
        q.Add(new Quad(I("a/b#c?d"), P("p"), Literal.Simple("ends with quote\""), g));
        q.Add(new Quad(I("a/b#c?d"), P("p"), Literal.Simple("multi\nline ending with quote\""), g));
        q.Add(new Quad(I("-x."), P("p.q"), Literal.Typed("1.", Vocabulary.Xsd.Decimal), g));
        q.Add(new Quad(I("s"), P("n"), Literal.Typed("-0.5", Vocabulary.Xsd.Decimal), g));
        q.Add(new Quad(I("s"), P("n"), Literal.Typed("1E-3", Vocabulary.Xsd.Double), g));
        q.Add(new Quad(I("s"), P("n"), Literal.Typed("+07", Vocabulary.Xsd.Integer), g));
        q.Add(new Quad(I("s"), P("n"), Literal.Typed("false", Vocabulary.Xsd.Boolean), g));
        q.Add(new Quad(I("s"), P("n"), Literal.Typed("", Vocabulary.Xsd.Integer), g));
        q.Add(new Quad(I("s"), P("n"), Literal.LangString("x", "en-GB"), g));
        q.Add(new Quad(I("s"), P("n"), Literal.Typed("x", Iri.FromTrusted("http://other.example/dt#t")), g));
        q.Add(new Quad(Iri.FromTrusted(Ex + "a%20b"), P("p"), Iri.FromTrusted(Ex + "caf\u00E9~!$&'()*+,;=:@"), g));
        q.Add(new Quad(I("s"), P("list"), N("l1"), g));
        q.Add(new Quad(N("l1"), Vocabulary.Rdf.First, N("e"), g));
        q.Add(new Quad(N("e"), P("p"), N("e2"), g));
        q.Add(new Quad(N("l1"), Vocabulary.Rdf.Rest, N("l2"), g));
        q.Add(new Quad(N("l2"), Vocabulary.Rdf.First, Literal.Simple("2"), g));
        q.Add(new Quad(N("l2"), Vocabulary.Rdf.Rest, Vocabulary.Rdf.Nil, g));
        q.Add(new Quad(I("s"), P("empty"), Vocabulary.Rdf.Nil, g));
        q.Add(new Quad(N("c1"), P("p"), N("c2"), g));
        q.Add(new Quad(N("c2"), P("p"), N("c1"), g));
        q.Add(new Quad(N("c2"), P("p"), N("c3"), g));
        q.Add(new Quad(N("anon"), P("p"), Literal.Simple(""), g));
        q.Add(new Quad(N("bad label"), P("p"), N("ok."), g));
        q.Add(new Quad(N("shared"), P("p"), Literal.Simple("shared"), g));
        q.Add(new Quad(I("s"), P("p"), N("shared"), g));
        q.Add(new Quad(I("s2"), P("p"), N("shared"), g));
        for (int i = 0; i < 100; i++) q.Add(new Quad(N("d" + i), P("p"), N("d" + (i + 1)), g));
        q.Add(new Quad(I("s"), P("deep"), N("d0"), g));
        return q;
    }

    [Theory]
    [InlineData(RdfFormat.NTriples)]
    [InlineData(RdfFormat.Turtle)]
    public void TrickyGraphRoundTrips(RdfFormat format)
    {
        AssertRoundTrip(Tricky(null, ""), format, null);
        AssertRoundTrip(Tricky(null, ""), format, new RdfWriterOptions
        {
            Prefixes = new Dictionary<string, string> { ["ex"] = Ex, [""] = "http://other.example/dt#" },
            BaseIri = Ex + "a/doc",
        });
    }

    [Theory]
    [InlineData(RdfFormat.NQuads)]
    [InlineData(RdfFormat.TriG)]
    public void TrickyDatasetRoundTrips(RdfFormat format)
    {
        var quads = Tricky(null, "").Concat(Tricky(I("g"), "_i")).Concat(Tricky(B("gb"), "_b")).ToList();
        quads.Add(new Quad(B("gb"), I("p"), I("o"), null));           // a graph name used as a subject
        quads.Add(new Quad(I("s"), I("p"), B("across"), I("g")));      // one node in two graphs
        quads.Add(new Quad(B("across"), I("p"), I("o"), null));
        AssertRoundTrip(quads, format, ExPrefix);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomDatasetsRoundTripThroughTriG(int seed)
    {
        var quads = RandomDataset(seed);
        AssertRoundTrip(quads, RdfFormat.TriG, ExPrefix);
        AssertRoundTrip(quads, RdfFormat.NQuads);
        var defaultGraph = quads.Where(q => q.Graph is null).ToList();
        AssertRoundTrip(defaultGraph, RdfFormat.Turtle, ExPrefix);
    }

    /// <summary>The expected results of the W3C Turtle and TriG evaluation tests: real, tricky data.</summary>
    public static TheoryData<string> W3CResultFiles()
    {
        var data = new TheoryData<string>();
        string root = Path.Combine(SharedRoot(), "conformance", "rdf11");
        foreach (string suite in new[] { "rdf-turtle", "rdf-trig" })
            foreach (string file in Directory.GetFiles(Path.Combine(root, suite)).Where(f => f.EndsWith(".nt") || f.EndsWith(".nq")).Order(StringComparer.Ordinal))
                data.Add(Path.Combine(suite, Path.GetFileName(file)));
        return data;
    }

    [Theory]
    [MemberData(nameof(W3CResultFiles))]
    public void W3CEvaluationResultsRoundTrip(string file)
    {
        string path = Path.Combine(SharedRoot(), "conformance", "rdf11", file);
        bool quads = file.EndsWith(".nq");
        var sink = new Collect();
        using (var input = File.OpenRead(path)) RdfParser.Parse(input, quads ? RdfFormat.NQuads : RdfFormat.NTriples, sink);
        if (quads) AssertRoundTrip(sink.Quads, RdfFormat.TriG, ExPrefix);
        else AssertRoundTrip(sink.Quads, RdfFormat.Turtle, ExPrefix);
        AssertRoundTrip(sink.Quads, quads ? RdfFormat.NQuads : RdfFormat.NTriples);
    }
}
