using System.Runtime.CompilerServices;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// N-Triples (https://www.w3.org/TR/n-triples/) and N-Quads (https://www.w3.org/TR/n-quads/):
/// one statement per line, absolute IRIs only, terms separated by spaces or tabs, a comment or
/// nothing after the final '.'. The loop is flat: no recursion, no lookahead beyond one byte.
/// </summary>
internal sealed class NQuadsParser : TextParser
{
    private readonly bool _quads;

    public NQuadsParser(Stream stream, IQuadSink sink, RdfParserOptions options, bool quads)
        : base(stream, sink, options, absoluteIrisOnly: true, quads ? "N-Quads" : "N-Triples") => _quads = quads;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Parse()
    {
        while (true)
        {
            int c = SkipBlankLines();
            if (c < 0) return;

            NamedOrBlankNode subject = c switch
            {
                '<' => ReadIriRef(),
                '_' => ReadBlankNodeLabel(),
                _ => Unexpected("a subject (IRI or blank node)"),
            };

            if (SkipSpaces() != '<') FailExpected("a predicate IRI");
            Iri predicate = ReadIriRef();

            c = SkipSpaces();
            Term obj = c switch
            {
                '<' => ReadIriRef(),
                '_' => ReadBlankNodeLabel(),
                '"' => ReadLiteral(),
                _ => Unexpected("an object (IRI, blank node or literal)"),
            };

            c = SkipSpaces();
            NamedOrBlankNode? graph = null;
            if (_quads && c != '.')
            {
                graph = c switch
                {
                    '<' => ReadIriRef(),
                    '_' => ReadBlankNodeLabel(),
                    _ => Unexpected("a graph name (IRI or blank node) or '.'"),
                };
                c = SkipSpaces();
            }
            if (c != '.') FailExpected("'.'");
            _pos++;
            Sink.Add(new Quad(subject, predicate, obj, graph));

            c = SkipSpaces();
            if (c == '#') c = SkipComment();
            if (c >= 0 && c != '\n' && c != '\r') FailExpected("the end of the line after '.'");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Literal ReadLiteral()
    {
        int start = _pos;
        string lexical = ReadString(turtle: false);
        int c = Peek();
        if (c == '@') return Literal.LangString(lexical, ReadLangTag());
        if (c == '^')
        {
            if (PeekAt(1) != '^') { _pos++; FailExpected("'^' (a datatype is written ^^<iri>)"); }
            _pos += 2;
            if (Peek() != '<') FailExpected("a datatype IRI after '^^'");
            start = _pos;
            return TypedLiteral(lexical, ReadIriRef(), start);
        }
        return Literal.Simple(lexical);
    }

    private NamedOrBlankNode Unexpected(string expected)
    {
        FailExpected(expected);
        return null!;
    }

    /// <summary>Skips spaces and tabs; returns the next byte or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SkipSpaces()
    {
        while (true)
        {
            int c = Peek();
            if (c is not (' ' or '\t')) return c;
            _pos++;
        }
    }

    /// <summary>Skips whitespace, line ends and comment lines before a statement.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SkipBlankLines()
    {
        while (true)
        {
            int c = Peek();
            if (c is ' ' or '\t' or '\n' or '\r') { _pos++; continue; }
            if (c == '#') { SkipComment(); continue; }
            return c;
        }
    }

    /// <summary>Skips a comment up to (not including) the end of its line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SkipComment()
    {
        while (true)
        {
            int i = _buf.AsSpan(_pos, _end - _pos).IndexOfAny((byte)'\n', (byte)'\r');
            if (i >= 0) { _pos += i; return _buf[_pos]; }
            _pos = _end;
            if (!Refill()) return -1;
        }
    }
}
