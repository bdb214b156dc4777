using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Tests.Io.Parsing;

/// <summary>Collects what a parser pushes, prefixes and bases included.</summary>
internal sealed class ParseCollector : IQuadSink
{
    public List<Quad> Quads { get; } = [];
    public List<(string Prefix, string Namespace)> Prefixes { get; } = [];
    public List<string> Bases { get; } = [];

    public void Add(in Quad quad) => Quads.Add(quad);

    public void OnPrefix(string prefix, string namespaceIri) => Prefixes.Add((prefix, namespaceIri));

    public void OnBase(string baseIri) => Bases.Add(baseIri);
}

/// <summary>A stream that hands out 1 to 7 bytes per read, to cut every token at every place.</summary>
internal sealed class ParseTrickleStream(byte[] data, int seed = 1) : Stream
{
    private readonly Random _random = new(seed);
    private int _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, _random.Next(1, 8)), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => data.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal static class ParseSupport
{
    public const string Ex = "http://example.org/";

    public static List<Quad> Parse(string text, RdfFormat format, RdfParserOptions? options = null) =>
        ParseBytes(Encoding.UTF8.GetBytes(text), format, options);

    public static List<Quad> ParseBytes(byte[] bytes, RdfFormat format, RdfParserOptions? options = null, bool trickle = false)
    {
        var sink = new ParseCollector();
        using Stream stream = trickle ? new ParseTrickleStream(bytes) : new MemoryStream(bytes);
        RdfParser.Parse(stream, format, sink, options);
        return sink.Quads;
    }

    public static RdfSyntaxException Error(string text, RdfFormat format, RdfParserOptions? options = null) =>
        Assert.Throws<RdfSyntaxException>(() => Parse(text, format, options));

    public static Iri I(string local) => Iri.FromTrusted(Ex + local);

    /// <summary>The quads with blank node labels replaced by _:0, _:1, ... in order of first use.</summary>
    public static List<string> Relabel(IEnumerable<Quad> quads)
    {
        var names = new Dictionary<string, string>();
        string T(Term? t) => t switch
        {
            null => "",
            BlankNode b => "_:" + (names.TryGetValue(b.Label, out var n) ? n : names[b.Label] = names.Count.ToString()),
            _ => t.ToString(),
        };
        return quads.Select(q => $"{T(q.Subject)} {T(q.Predicate)} {T(q.Object)} {T(q.Graph)}".TrimEnd()).ToList();
    }
}
