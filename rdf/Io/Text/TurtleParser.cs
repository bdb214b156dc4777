using System.Runtime.CompilerServices;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// Turtle (https://www.w3.org/TR/turtle/#sec-grammar) and TriG (https://www.w3.org/TR/trig/#sec-grammar)
/// by recursive descent over the shared lexer. Statements go to the sink as soon as their object is
/// read; nesting (blank node property lists, collections) is counted against
/// <see cref="RdfParserOptions.MaxNestingDepth"/> so deep input fails cleanly.
/// </summary>
internal sealed partial class TurtleParser : TextParser
{
    private static readonly Literal s_true = Literal.Typed("true", Vocabulary.Xsd.Boolean);
    private static readonly Literal s_false = Literal.Typed("false", Vocabulary.Xsd.Boolean);

    private readonly bool _trig;

    public TurtleParser(Stream stream, IQuadSink sink, RdfParserOptions options, bool trig)
        : base(stream, sink, options, absoluteIrisOnly: false, trig ? "TriG" : "Turtle") => _trig = trig;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Parse()
    {
        if (_trig)
        {
            ParseTriG();
            return;
        }
        while (true)
        {
            int c = SkipWhitespace();
            if (c < 0) return;
            if (c == '@')
            {
                AtDirective();
                continue;
            }
            if (IsNameStart(c))
            {
                var word = ReadNameOrWord(out var iri, out int wordStart);
                if (word == Word.PrefixedName) PredicateObjectList(iri!);
                else if (word == Word.Prefix) SparqlPrefix();
                else if (word == Word.Base) SparqlBase();
                else FailWord(wordStart, "a subject, a directive or the end of input");
                if (word == Word.PrefixedName) ExpectDot();
                continue;
            }
            Triples(c);
            ExpectDot();
        }
    }

    /// <summary><c>triples</c> starting at <paramref name="c"/> (not a prefixed name).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Triples(int c)
    {
        switch (c)
        {
            case '<':
                PredicateObjectList(ReadIriRef());
                return;
            case '_':
                PredicateObjectList(ReadBlankNodeLabel());
                return;
            case '(':
                PredicateObjectList(Collection());
                return;
            case '[':
                var node = BlankNodePropertyList(out bool anonymous);
                if (anonymous || SkipWhitespace() is not ('.' or '}' or -1)) PredicateObjectList(node);
                return;
        }
        if (IsNameStart(c))
        {
            var word = ReadNameOrWord(out var iri, out int wordStart);
            if (word != Word.PrefixedName) FailWord(wordStart, "a subject (IRI, prefixed name, blank node or collection)");
            PredicateObjectList(iri!);
            return;
        }
        FailExpected("a subject (IRI, prefixed name, blank node or collection)");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExpectDot()
    {
        if (SkipWhitespace() != '.') FailExpected("'.' or ';'");
        _pos++;
    }

    /// <summary><c>predicateObjectList ::= verb objectList (';' (verb objectList)?)*</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PredicateObjectList(NamedOrBlankNode subject)
    {
        while (true)
        {
            Iri predicate = ReadVerb();
            while (true)
            {
                SkipWhitespace();
                Emit(subject, predicate, ReadObject());
                if (SkipWhitespace() != ',') break;
                _pos++;
            }
            int c = SkipWhitespace();
            if (c != ';') return;
            do
            {
                _pos++;
                c = SkipWhitespace();
            }
            while (c == ';');
            if (c is '.' or ']' or '}' or -1) return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Iri ReadVerb()
    {
        int c = SkipWhitespace();
        if (c == '<') return ReadIriRef();
        if (IsNameStart(c))
        {
            var word = ReadNameOrWord(out var iri, out int wordStart);
            if (word == Word.PrefixedName) return iri!;
            if (word == Word.A) return Vocabulary.Rdf.Type;
            FailWord(wordStart, "a predicate (IRI, prefixed name or 'a')");
        }
        FailExpected("a predicate (IRI, prefixed name or 'a')");
        return null!;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Term ReadObject()
    {
        int c = Peek();
        switch (c)
        {
            case '<': return ReadIriRef();
            case '_': return ReadBlankNodeLabel();
            case '[': return BlankNodePropertyList(out _);
            case '(': return Collection();
            case '"' or '\'': return RdfLiteral();
            case '+' or '-' or (>= '0' and <= '9'): return NumericLiteral();
            case '.' when PeekAt(1) is >= '0' and <= '9': return NumericLiteral();
        }
        if (IsNameStart(c))
        {
            var word = ReadNameOrWord(out var iri, out int wordStart);
            switch (word)
            {
                case Word.PrefixedName: return iri!;
                case Word.True: return s_true;
                case Word.False: return s_false;
            }
            FailWord(wordStart, "an object (IRI, prefixed name, blank node, literal or collection)");
        }
        FailExpected("an object (IRI, prefixed name, blank node, literal or collection)");
        return null!;
    }

    /// <summary><c>blankNodePropertyList ::= '[' predicateObjectList ']'</c>, or <c>ANON</c> when empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private BlankNode BlankNodePropertyList(out bool anonymous)
    {
        _pos++;
        var node = _labels.Fresh();
        anonymous = SkipWhitespace() == ']';
        if (anonymous)
        {
            _pos++;
            return node;
        }
        Enter();
        PredicateObjectList(node);
        if (SkipWhitespace() != ']') FailExpected("']' or ';'");
        _pos++;
        Leave();
        return node;
    }

    /// <summary><c>collection ::= '(' object* ')'</c> as an rdf:first/rdf:rest list; () is rdf:nil.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private NamedOrBlankNode Collection()
    {
        _pos++;
        Enter();
        BlankNode? head = null, previous = null;
        while (true)
        {
            int c = SkipWhitespace();
            if (c == ')') break;
            if (c < 0) FailExpected("')'");
            var node = _labels.Fresh();
            if (previous is null) head = node;
            else Emit(previous, Vocabulary.Rdf.Rest, node);
            Emit(node, Vocabulary.Rdf.First, ReadObject());
            previous = node;
        }
        _pos++;
        Leave();
        if (previous is null) return Vocabulary.Rdf.Nil;
        Emit(previous, Vocabulary.Rdf.Rest, Vocabulary.Rdf.Nil);
        return head!;
    }

    /// <summary><c>RDFLiteral ::= String (LANGTAG | '^^' iri)?</c></summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Literal RdfLiteral()
    {
        string lexical = ReadString(turtle: true);
        int c = SkipWhitespace();
        if (c == '@') return Literal.LangString(lexical, ReadLangTag());
        if (c != '^') return Literal.Simple(lexical);
        if (PeekAt(1) != '^') { _pos++; FailExpected("'^' (a datatype is written ^^iri)"); }
        _pos += 2;
        c = SkipWhitespace();
        int at = _pos;
        if (c == '<') return TypedLiteral(lexical, ReadIriRef(), at);
        if (IsNameStart(c) && ReadNameOrWord(out var iri, out _) == Word.PrefixedName) return TypedLiteral(lexical, iri!, at);
        ThrowAt(at, "expected a datatype IRI after '^^'");
        return null!;
    }

    /// <summary>INTEGER, DECIMAL or DOUBLE, kept as written with its XSD datatype.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Literal NumericLiteral()
    {
        _mark = _pos;
        if (_buf[_pos] is (byte)'+' or (byte)'-') _pos++;
        int digits = ScanDigits();
        Iri datatype = Vocabulary.Xsd.Integer;
        if (Peek() == '.' && PeekAt(1) is >= '0' and <= '9')
        {
            _pos++;
            ScanDigits();
            datatype = Vocabulary.Xsd.Decimal;
        }
        else if (digits > 0 && Peek() == '.' && PeekAt(1) is 'e' or 'E')
        {
            _pos++;
        }
        else if (digits == 0)
        {
            _mark = -1;
            FailExpected("a number");
        }
        if (Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-') _pos++;
            if (ScanDigits() == 0) { _mark = -1; FailExpected("digits in the exponent"); }
            datatype = Vocabulary.Xsd.Double;
        }
        int start = _mark;
        _mark = -1;
        return Literal.Typed(Utf8String(_buf.AsSpan(start, _pos - start)), datatype);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ScanDigits()
    {
        int n = 0;
        while (Peek() is >= '0' and <= '9') { _pos++; n++; }
        return n;
    }

    /// <summary>'@prefix' or '@base' (the Turtle forms, ending in '.').</summary>
    private void AtDirective()
    {
        int at = _pos;
        _pos++;
        _mark = at;
        while (Peek() is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '-') _pos++;
        var word = _buf.AsSpan(_mark + 1, _pos - _mark - 1);
        at = _mark;
        _mark = -1;
        if (word.SequenceEqual("prefix"u8)) PrefixBody();
        else if (word.SequenceEqual("base"u8)) BaseBody();
        else ThrowAt(at, "expected '@prefix' or '@base'");
        ExpectDirectiveDot();
    }

    private void SparqlPrefix() => PrefixBody();

    private void SparqlBase() => BaseBody();

    private void PrefixBody()
    {
        SkipWhitespace();
        byte[] prefix = ReadPrefixDeclaration();
        if (SkipWhitespace() != '<') FailExpected("the namespace IRI (<...>)");
        var ns = ReadIriRef();
        DeclarePrefix(prefix, ns.Value);
        Sink.OnPrefix(System.Text.Encoding.UTF8.GetString(prefix), ns.Value);
    }

    private void BaseBody()
    {
        if (SkipWhitespace() != '<') FailExpected("the base IRI (<...>)");
        _base = ReadIriRef().Value;
        ClearIriCache();
        Sink.OnBase(_base);
    }

    private void ExpectDirectiveDot()
    {
        if (SkipWhitespace() != '.') FailExpected("'.' after the directive");
        _pos++;
    }

    private static bool IsNameStart(int c) => c == ':' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    /// <summary>Skips white space and comments; returns the next byte or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SkipWhitespace()
    {
        while (true)
        {
            int c = _pos < _end ? _buf[_pos] : Peek();
            if (c is ' ' or '\n' or '\t' or '\r') { _pos++; continue; }
            if (c != '#') return c;
            while (true)
            {
                int i = _buf.AsSpan(_pos, _end - _pos).IndexOfAny((byte)'\n', (byte)'\r');
                if (i >= 0) { _pos += i; break; }
                _pos = _end;
                if (!Refill()) return -1;
            }
        }
    }
}
