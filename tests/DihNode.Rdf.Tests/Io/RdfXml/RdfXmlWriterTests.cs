using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.WriteTestHelper;

namespace DihNode.Rdf.Tests.Io.RdfXml;

/// <summary>The RDF/XML writer: its layout, its refusals, and round trips through the RDF/XML parser.</summary>
public class RdfXmlWriterTests
{
    private sealed class Collect : IQuadSink
    {
        public readonly List<Quad> Quads = [];
        public void Add(in Quad quad) => Quads.Add(quad);
    }

    private static List<Quad> Read(string xml)
    {
        var sink = new Collect();
        RdfParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), RdfFormat.RdfXml, sink);
        return sink.Quads;
    }

    private static void AssertRoundTrip(IReadOnlyList<Quad> quads, RdfWriterOptions? options = null)
    {
        string xml = Write(RdfFormat.RdfXml, quads, options);
        List<Quad> back;
        try
        {
            back = Read(xml);
        }
        catch (RdfSyntaxException e)
        {
            Assert.Fail($"RDF/XML output does not parse: {e.Message}\n{xml}");
            return;
        }
        string? difference = Isomorphism.DescribeDifference(quads, back);
        Assert.True(difference is null, $"RDF/XML round trip differs: {difference}\n--- text ---\n{xml}");
    }

    [Fact]
    public void WritesTypedNodeElementsWithPrefixes()
    {
        var quads = new List<Quad>
        {
            T(I("hub"), "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", I("Hub")),
            T(I("hub"), "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", I("http://other.example/v#Org")),
            T(I("hub"), "name", Literal.LangString("Hub <1> & co", "en")),
            T(I("hub"), "size", Literal.Typed("3", Vocabulary.Xsd.Integer)),
            T(I("hub"), "partner", I("http://other.example/p?a=1&b='2'")),
            T(I("hub"), "address", B("a")),
            T(B("a"), "city", Literal.Simple("Gent\r\n")),
            T(B("free"), "http://other.example/v#k", Literal.Simple("")),
        };
        string xml = Write(RdfFormat.RdfXml, quads, new RdfWriterOptions
        {
            Prefixes = new Dictionary<string, string> { ["ex"] = Ex },
        });
        Assert.Equal("""
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                xmlns:ex="http://example.org/"
                xmlns:ns1="http://other.example/v#">
              <ex:Hub rdf:about="http://example.org/hub">
                <rdf:type rdf:resource="http://other.example/v#Org"/>
                <ex:address>
                  <rdf:Description>
                    <ex:city>Gent&#xD;
            </ex:city>
                  </rdf:Description>
                </ex:address>
                <ex:name xml:lang="en">Hub &lt;1&gt; &amp; co</ex:name>
                <ex:partner rdf:resource="http://other.example/p?a=1&amp;b='2'"/>
                <ex:size rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">3</ex:size>
              </ex:Hub>
              <rdf:Description>
                <ns1:k></ns1:k>
              </rdf:Description>
            </rdf:RDF>

            """.ReplaceLineEndings("\n"), xml);
        AssertRoundTrip(quads);
    }

    [Fact]
    public void WritesCollectionsAndSharedBlankNodes()
    {
        var quads = new List<Quad>
        {
            T(I("s"), "list", B("l1")),
            new(B("l1"), Vocabulary.Rdf.First, I("x"), null),
            new(B("l1"), Vocabulary.Rdf.Rest, B("l2"), null),
            new(B("l2"), Vocabulary.Rdf.First, B("item"), null),
            new(B("l2"), Vocabulary.Rdf.Rest, Vocabulary.Rdf.Nil, null),
            T(B("item"), "p", Literal.Simple("v")),
            T(I("s"), "shared", B("sh")),
            T(I("t"), "shared", B("sh")),
            T(B("sh"), "q", Literal.Simple("w")),
            T(I("s"), "empty", B("e")),
        };
        string xml = Write(RdfFormat.RdfXml, quads);
        Assert.Contains("rdf:parseType=\"Collection\"", xml);
        Assert.Contains("rdf:parseType=\"Resource\"", xml);
        Assert.Contains("rdf:nodeID=\"sh\"", xml);
        AssertRoundTrip(quads);
    }

    [Fact]
    public void TrickyGraphRoundTrips()
    {
        // XML 1.0 cannot hold U+0001 (U+007F is fine): drop the one literal with a C0 control.
        var quads = WriteRoundTripTests.Tricky(null, "")
            .Where(q => !(q.Object is Literal l && l.LexicalForm.Contains('\u0001')))
            .ToList();
        AssertRoundTrip(quads);
        AssertRoundTrip(quads, new RdfWriterOptions
        {
            Prefixes = new Dictionary<string, string> { ["ex"] = Ex, ["dt"] = "http://other.example/dt#" },
            BaseIri = Ex + "a/doc",
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomGraphsRoundTrip(int seed)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        NamedOrBlankNode Node() => random.Next(3) == 0 ? I("n" + random.Next(6)) : B("b" + random.Next(30));
        Term Object() => random.Next(5) switch
        {
            0 => Literal.Typed(random.Next(-5, 5).ToString(System.Globalization.CultureInfo.InvariantCulture), Vocabulary.Xsd.Integer),
            1 => Literal.LangString("v" + random.Next(4), "de"),
            2 => random.Next(4) == 0 ? Vocabulary.Rdf.Nil : I("o" + random.Next(4)),
            _ => Node(),
        };
        for (int i = 0; i < 80; i++)
        {
            var p = random.Next(6) switch { 0 => Vocabulary.Rdf.First, 1 => Vocabulary.Rdf.Rest, 2 => Vocabulary.Rdf.Type, _ => I("p" + random.Next(3)) };
            quads.Add(new Quad(Node(), p, Object(), null));
        }
        AssertRoundTrip(quads);
    }

    public static TheoryData<string> W3CResultFiles()
    {
        var data = new TheoryData<string>();
        string root = Path.Combine(SharedRoot(), "conformance", "rdf11", "rdf-xml");
        foreach (string file in Directory.GetFiles(root, "*.nt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, file));
        return data;
    }

    /// <summary>The expected graphs of the W3C RDF/XML suite (reification, containers, XML literals) written and read back.</summary>
    [Theory]
    [MemberData(nameof(W3CResultFiles))]
    public void W3CRdfXmlResultsRoundTrip(string file)
    {
        var sink = new Collect();
        using (var input = File.OpenRead(Path.Combine(SharedRoot(), "conformance", "rdf11", "rdf-xml", file)))
            RdfParser.Parse(input, RdfFormat.NTriples, sink);
        AssertRoundTrip(sink.Quads);
    }

    [Fact]
    public void RefusesPredicatesWithoutAQName()
    {
        using var writer = RdfWriter.Create(new MemoryStream(), RdfFormat.RdfXml);
        var e = Assert.Throws<InvalidOperationException>(() => writer.Add(T(I("s"), "http://example.org/p/", Literal.Simple("x"))));
        Assert.Contains("<http://example.org/p/>", e.Message);
        Assert.Contains("does not end in an XML name", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => writer.Add(T(I("s"), "http://example.org/123", Literal.Simple("x"))));
        Assert.Contains("no QName", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => writer.Add(T(I("s"), "http://www.w3.org/1999/02/22-rdf-syntax-ns#li", Literal.Simple("x"))));
        Assert.Contains("syntax name", e.Message);
    }

    [Fact]
    public void RefusesNamedGraphs()
    {
        using var writer = RdfWriter.Create(new MemoryStream(), RdfFormat.RdfXml);
        var e = Assert.Throws<InvalidOperationException>(() => writer.Add(T(I("s"), "p", I("o"), I("g"))));
        Assert.Contains("RDF/XML cannot hold named graphs", e.Message);
    }

    [Fact]
    public void RefusesCharactersXmlCannotHold()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            Write(RdfFormat.RdfXml, [T(I("s"), "p", Literal.Simple("bell\u0007"))]));
        Assert.Contains("U+0007", e.Message);
    }

    [Fact]
    public void RefusesPrefixesXmlCannotDeclare()
    {
        Assert.Throws<ArgumentException>(() => RdfWriter.Create(new MemoryStream(), RdfFormat.RdfXml,
            new RdfWriterOptions { Prefixes = new Dictionary<string, string> { ["xmlfoo"] = Ex } }));
    }

    [Fact]
    public void KeepsSourcePrefixesButOptionsWin()
    {
        using var ms = new MemoryStream();
        using (var writer = RdfWriter.Create(ms, RdfFormat.RdfXml, new RdfWriterOptions { Prefixes = new Dictionary<string, string> { ["mine"] = Ex } }))
        {
            writer.OnPrefix("src", "http://other.example/");
            writer.OnPrefix("old", Ex);
            writer.Add(T(I("s"), "p", I("o")));
            writer.Add(T(I("s"), "http://other.example/q", I("o")));
            writer.Finish();
        }
        string xml = Encoding.UTF8.GetString(ms.ToArray());
        Assert.Contains("<mine:p rdf:resource=", xml);
        Assert.Contains("<src:q rdf:resource=", xml);
        Assert.DoesNotContain("xmlns:old", xml);
    }
}
