using System.Diagnostics.CodeAnalysis;
using DihNode.Rdf.Model;
using DihNode.Rdf.Io;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// Recursive-descent parser for the SPARQL 1.1 grammar (Query §19.8, Update §19). This file holds
/// the token cursor, error reporting, the prologue and the terms; the other parts hold query forms,
/// patterns, expressions, updates and the static checks.
/// </summary>
internal sealed partial class QueryTextParser
{
    private readonly List<Token> _tokens;
    private readonly int _maxDepth;
    private readonly SortedSet<string> _expected = new(StringComparer.Ordinal);
    private readonly string _anonPrefix;
    private int _index;
    private int _depth;
    private int _anonCount;
    private string? _base;
    private Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);

    public QueryTextParser(string text, string? baseIri, int maxDepth)
    {
        _tokens = SparqlLexer.Tokenize(text);
        _base = baseIri;
        _maxDepth = maxDepth;
        _anonPrefix = "b";
        while (_tokens.Exists(t => t.Kind == TokenKind.BlankNodeLabel && t.Text.StartsWith(_anonPrefix, StringComparison.Ordinal)))
            _anonPrefix = "_" + _anonPrefix;
    }

    private Token Cur => _tokens[_index];

    private Token PeekToken(int k = 1) => _tokens[Math.Min(_index + k, _tokens.Count - 1)];

    private Token Advance()
    {
        Token t = _tokens[_index];
        if (_index < _tokens.Count - 1) _index++;
        _expected.Clear();
        return t;
    }

    /// <summary>True if the current token is the punctuation; records it as expected otherwise.</summary>
    private bool At(string punct)
    {
        if (Cur.Is(punct)) return true;
        _expected.Add("'" + punct + "'");
        return false;
    }

    private bool AtKeyword(string word)
    {
        if (Cur.IsKeyword(word)) return true;
        _expected.Add(word);
        return false;
    }

    private bool Accept(string punct)
    {
        if (!At(punct)) return false;
        Advance();
        return true;
    }

    private bool AcceptKeyword(string word)
    {
        if (!AtKeyword(word)) return false;
        Advance();
        return true;
    }

    private Token Expect(string punct)
    {
        if (!At(punct)) FailExpected();
        return Advance();
    }

    private Token ExpectKeyword(string word)
    {
        if (!AtKeyword(word)) FailExpected();
        return Advance();
    }

    private void Expecting(string what) => _expected.Add(what);

    [DoesNotReturn]
    private void FailExpected()
    {
        string expected = _expected.Count == 0 ? "something else"
            : _expected.Count == 1 ? _expected.Min! : "one of " + string.Join(", ", _expected);
        Fail(Cur, $"expected {expected}, found {Cur.Describe()}");
    }

    [DoesNotReturn]
    private static void Fail(Token at, string problem) => throw new SparqlSyntaxException(problem, at.Line, at.Column);

    private void Enter()
    {
        if (++_depth > _maxDepth) Fail(Cur, $"nesting deeper than {_maxDepth} levels");
    }

    private void Exit() => _depth--;

    // ---- Prologue (§19.8 [4]–[6]) ----

    private void ParsePrologue()
    {
        while (true)
        {
            if (AcceptKeyword("BASE"))
            {
                Token t = Cur;
                if (t.Kind != TokenKind.IriRef) { Expecting("IRI"); FailExpected(); }
                Advance();
                _base = ResolveIri(t);
            }
            else if (AcceptKeyword("PREFIX"))
            {
                Token p = Cur;
                if (p.Kind != TokenKind.PrefixedName || p.Text.Length != 0) { Expecting("prefix name"); FailExpected(); }
                Advance();
                Token t = Cur;
                if (t.Kind != TokenKind.IriRef) { Expecting("IRI"); FailExpected(); }
                Advance();
                _prefixes[p.Prefix!] = ResolveIri(t);
            }
            else return;
        }
    }

    private string ResolveIri(Token t)
    {
        string value = t.Text;
        if (IriResolver.HasScheme(value)) return value;
        if (_base is null) Fail(t, $"relative IRI <{value}> without a base IRI");
        return IriResolver.Resolve(_base, value);
    }

    // ---- Terms (§19.8 [136]–[146]) ----

    private bool AtIri => Cur.Kind is TokenKind.IriRef or TokenKind.PrefixedName;

    private Iri ParseIri()
    {
        Token t = Cur;
        if (t.Kind == TokenKind.IriRef) { Advance(); return Iri.FromTrusted(ResolveIri(t)); }
        if (t.Kind == TokenKind.PrefixedName) { Advance(); return ExpandPrefixedName(t); }
        Expecting("IRI");
        FailExpected();
        return null;
    }

    private Iri ExpandPrefixedName(Token t)
    {
        if (!_prefixes.TryGetValue(t.Prefix!, out string? ns)) Fail(t, $"undeclared prefix '{t.Prefix}:'");
        return Iri.FromTrusted(ns + t.Text);
    }

    private BlankNode NewAnon() => new(_anonPrefix + (_anonCount++).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>True when the current token can start an RDF literal.</summary>
    private bool AtLiteral => Cur.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Decimal or TokenKind.Double
        || Cur.IsKeyword("true") || Cur.IsKeyword("false") || AtSignedNumber;

    private bool AtSignedNumber => (Cur.Is("+") || Cur.Is("-"))
        && PeekToken().Kind is TokenKind.Integer or TokenKind.Decimal or TokenKind.Double && PeekToken().Start == Cur.End;

    private Literal ParseLiteral()
    {
        Token t = Cur;
        switch (t.Kind)
        {
            case TokenKind.String:
                Advance();
                if (Cur.Kind == TokenKind.LangTag) return Literal.LangString(t.Text, Advance().Text);
                if (Accept("^^"))
                {
                    Token dt = Cur;
                    Iri datatype = ParseIri();
                    if (datatype.Equals(Vocabulary.Rdf.LangString)) Fail(dt, "rdf:langString literals need a language tag, not a datatype");
                    return Literal.Typed(t.Text, datatype);
                }
                return Literal.Simple(t.Text);
            case TokenKind.Integer: Advance(); return Literal.Typed(t.Text, Vocabulary.Xsd.Integer);
            case TokenKind.Decimal: Advance(); return Literal.Typed(t.Text, Vocabulary.Xsd.Decimal);
            case TokenKind.Double: Advance(); return Literal.Typed(t.Text, Vocabulary.Xsd.Double);
        }
        if (t.IsKeyword("true") || t.IsKeyword("false"))
        {
            // Keywords are case-insensitive (§19.3), booleans included; the lexical form is canonical.
            Advance();
            return Literal.Typed(t.Text.ToLowerInvariant(), Vocabulary.Xsd.Boolean);
        }
        if (AtSignedNumber)
        {
            string sign = Advance().Text;
            Literal n = ParseLiteral();
            return Literal.Typed(sign + n.LexicalForm, n.Datatype);
        }
        Expecting("literal");
        FailExpected();
        return null;
    }

    /// <summary>VarOrIri / VarOrTerm helpers.</summary>
    private bool AtVar => Cur.Kind == TokenKind.Variable;

    private Variable ParseVar()
    {
        if (!AtVar) { Expecting("variable"); FailExpected(); }
        return new Variable(Advance().Text);
    }

    private Term ParseVarOrIri() => AtVar ? ParseVar() : ParseIri();
}
