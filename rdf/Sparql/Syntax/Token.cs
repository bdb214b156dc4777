namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>The terminal classes of the SPARQL grammar (§19.8) the parser distinguishes.</summary>
internal enum TokenKind : byte
{
    End,
    /// <summary>A bare word: keyword, 'a', true/false or a function name (case kept).</summary>
    Name,
    IriRef,
    PrefixedName,
    BlankNodeLabel,
    Variable,
    LangTag,
    Integer,
    Decimal,
    Double,
    String,
    Nil,
    Anon,
    Punct,
}

/// <summary>
/// One token. <see cref="Text"/> holds the decoded value (IRI without brackets, string without
/// quotes and escapes, variable without '?'); for a prefixed name <see cref="Prefix"/> holds the
/// prefix and <see cref="Text"/> the unescaped local part.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, int Start, int End, string? Prefix = null)
{
    public bool Is(string punct) => Kind == TokenKind.Punct && Text == punct;

    public bool IsKeyword(string word) => Kind == TokenKind.Name && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.IriRef => "<" + Text + ">",
        TokenKind.PrefixedName => "'" + Prefix + ":" + Text + "'",
        TokenKind.Variable => "'?" + Text + "'",
        TokenKind.BlankNodeLabel => "'_:" + Text + "'",
        TokenKind.String => "string \"" + (Text.Length > 20 ? Text[..20] + "..." : Text) + "\"",
        TokenKind.LangTag => "'@" + Text + "'",
        TokenKind.Nil => "'()'",
        TokenKind.Anon => "'[]'",
        _ => "'" + Text + "'",
    };
}
