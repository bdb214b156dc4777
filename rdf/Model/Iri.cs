namespace DihNode.Rdf.Model;

/// <summary>
/// An absolute IRI (RFC 3987). Validated once on creation by <see cref="Create"/>; parsers that have
/// already checked the characters use <see cref="FromTrusted"/>. Never a <c>System.Uri</c>: IRIs are
/// compared as plain code-point strings, exactly as RDF requires.
/// </summary>
public sealed class Iri : NamedOrBlankNode
{
    private Iri(string value) => Value = value;

    public string Value { get; }

    public override TermKind Kind => TermKind.Iri;

    /// <summary>Creates an IRI after checking it is absolute and free of characters IRIs forbid.</summary>
    /// <exception cref="FormatException">The string is not an absolute IRI.</exception>
    public static Iri Create(string value)
    {
        string? error = Validate(value);
        if (error is not null) throw new FormatException($"Invalid IRI <{value}>: {error}");
        return new Iri(value);
    }

    /// <summary>Tries <see cref="Create"/> without throwing.</summary>
    public static bool TryCreate(string value, out Iri? iri)
    {
        iri = Validate(value) is null ? new Iri(value) : null;
        return iri is not null;
    }

    /// <summary>Wraps a string the caller has already validated (parsers, the term dictionary).</summary>
    public static Iri FromTrusted(string value) => new(value);

    /// <summary>Why <paramref name="value"/> is not an absolute IRI, or null if it is one.</summary>
    public static string? Validate(string value)
    {
        if (value.Length == 0) return "empty";
        int colon = -1;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
                return $"character U+{(int)c:X4} at offset {i} is not allowed";
            if (c == ':' && colon < 0) colon = i;
        }
        if (colon <= 0) return "no scheme (a relative IRI needs a base)";
        if (!char.IsAsciiLetter(value[0])) return "scheme must start with a letter";
        for (int i = 1; i < colon; i++)
        {
            char c = value[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return $"invalid scheme character '{c}'";
        }
        return null;
    }

    public override bool Equals(Term? other) =>
        ReferenceEquals(this, other) || (other is Iri i && string.Equals(Value, i.Value, StringComparison.Ordinal));

    private protected override int ComputeHash() => HashCode.Combine(1, string.GetHashCode(Value, StringComparison.Ordinal));

    public override string ToString() => "<" + Value + ">";

    public static implicit operator string(Iri iri) => iri.Value;
}
