using System.Runtime.CompilerServices;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// The TriG additions (https://www.w3.org/TR/trig/#sec-grammar): <c>{ ... }</c> blocks for the
/// default graph, <c>label { ... }</c> and <c>GRAPH label { ... }</c> for named graphs (an IRI or a
/// blank node), and Turtle triples outside any block, in the default graph.
/// </summary>
internal sealed partial class TurtleParser
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ParseTriG()
    {
        while (true)
        {
            int c = SkipWhitespace();
            if (c < 0) return;
            switch (c)
            {
                case '@':
                    AtDirective();
                    continue;
                case '{':
                    WrappedGraph(null);
                    continue;
                case '[':
                    var node = BlankNodePropertyList(out bool anonymous);
                    c = SkipWhitespace();
                    if (anonymous && c == '{')
                    {
                        WrappedGraph(node);
                        continue;
                    }
                    if (anonymous || c != '.') PredicateObjectList(node);
                    ExpectDot();
                    continue;
                case '(':
                    PredicateObjectList(Collection());
                    ExpectDot();
                    continue;
                case '<':
                    TriplesOrGraph(ReadIriRef());
                    continue;
                case '_':
                    TriplesOrGraph(ReadBlankNodeLabel());
                    continue;
            }
            if (!IsNameStart(c)) FailExpected("a subject, a graph, a directive or the end of input");
            var word = ReadNameOrWord(out var iri, out int wordStart);
            switch (word)
            {
                case Word.PrefixedName:
                    TriplesOrGraph(iri!);
                    break;
                case Word.Prefix:
                    SparqlPrefix();
                    break;
                case Word.Base:
                    SparqlBase();
                    break;
                case Word.Graph:
                    var label = ReadGraphLabel();
                    if (SkipWhitespace() != '{') FailExpected("'{' after the graph name");
                    WrappedGraph(label);
                    break;
                default:
                    FailWord(wordStart, "a subject, a graph, a directive or the end of input");
                    break;
            }
        }
    }

    /// <summary><c>triplesOrGraph ::= labelOrSubject (wrappedGraph | predicateObjectList '.')</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TriplesOrGraph(NamedOrBlankNode labelOrSubject)
    {
        if (SkipWhitespace() == '{')
        {
            WrappedGraph(labelOrSubject);
            return;
        }
        PredicateObjectList(labelOrSubject);
        ExpectDot();
    }

    /// <summary><c>labelOrSubject ::= iri | BlankNode</c> after GRAPH.</summary>
    private NamedOrBlankNode ReadGraphLabel()
    {
        int c = SkipWhitespace();
        switch (c)
        {
            case '<': return ReadIriRef();
            case '_': return ReadBlankNodeLabel();
            case '[':
                _pos++;
                if (SkipWhitespace() != ']') FailExpected("']' (a graph name is an IRI or a blank node)");
                _pos++;
                return _labels.Fresh();
        }
        if (IsNameStart(c))
        {
            var word = ReadNameOrWord(out var iri, out int wordStart);
            if (word == Word.PrefixedName) return iri!;
            FailWord(wordStart, "a graph name (IRI or blank node)");
        }
        FailExpected("a graph name (IRI or blank node)");
        return null!;
    }

    /// <summary><c>wrappedGraph ::= '{' triplesBlock? '}'</c>; the last '.' in a block is optional.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WrappedGraph(NamedOrBlankNode? graph)
    {
        _pos++;
        _graph = graph;
        while (true)
        {
            int c = SkipWhitespace();
            if (c == '}') break;
            Triples(c);
            c = SkipWhitespace();
            if (c == '.')
            {
                _pos++;
                continue;
            }
            if (c == '}') break;
            FailExpected("'.', ';' or '}'");
        }
        _pos++;
        _graph = null;
    }
}
