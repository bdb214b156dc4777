using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Tests.Io;

/// <summary>Small builders and a write-to-string helper shared by the writer tests.</summary>
internal static class WriteTestHelper
{
    public const string Ex = "http://example.org/";

    public static Iri I(string local) => Iri.FromTrusted(local.Contains(':') ? local : Ex + local);

    public static BlankNode B(string label) => new(label);

    public static Quad T(NamedOrBlankNode s, string p, Term o, NamedOrBlankNode? g = null) => new(s, I(p), o, g);

    public static Quad T(string s, string p, string o) => new(I(s), I(p), I(o), null);

    public static string Write(RdfFormat format, IEnumerable<Quad> quads, RdfWriterOptions? options = null)
    {
        using var ms = new MemoryStream();
        RdfWriter.Write(ms, format, quads, options);
        byte[] bytes = ms.ToArray();
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no BOM");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The shared material: DIHNODE_SHARED, else ../shared next to the repository root (the folder with DihNode.sln).</summary>
    public static string SharedRoot() => DihNode.Rdf.Tests.Sparql.Results.SharedFiles.Root;

    public static readonly RdfWriterOptions ExPrefix = new()
    {
        Prefixes = new Dictionary<string, string> { ["ex"] = Ex },
    };

    /// <summary>
    /// A small random dataset for round trips: IRIs and heavily shared blank nodes, list-like
    /// rdf:first/rdf:rest links, integers, plain literals, and quads in the default graph, an IRI-named
    /// graph and blank-node-named graphs.
    /// </summary>
    public static List<Quad> RandomDataset(int seed)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        NamedOrBlankNode Node() => random.Next(3) == 0 ? I("n" + random.Next(6)) : B("b" + random.Next(30));
        Term Object() => random.Next(5) switch
        {
            0 => Literal.Typed(random.Next(-5, 5).ToString(System.Globalization.CultureInfo.InvariantCulture), Vocabulary.Xsd.Integer),
            1 => Literal.Simple("v" + random.Next(4)),
            2 => random.Next(4) == 0 ? Vocabulary.Rdf.Nil : I("o" + random.Next(4)),
            _ => Node(),
        };
        for (int i = 0; i < 60; i++)
        {
            var p = random.Next(6) switch { 0 => Vocabulary.Rdf.First, 1 => Vocabulary.Rdf.Rest, 2 => Vocabulary.Rdf.Type, _ => I("p" + random.Next(3)) };
            NamedOrBlankNode? g = random.Next(4) switch { 0 => I("g"), 1 => B("b" + random.Next(30)), _ => null };
            quads.Add(new Quad(Node(), p, Object(), g));
        }
        return quads;
    }
}
