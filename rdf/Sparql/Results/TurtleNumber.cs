namespace DihNode.Rdf.Sparql.Results;

internal enum TurtleNumberKind : byte { None, Integer, Decimal, Double }

/// <summary>The Turtle/SPARQL numeric tokens INTEGER, DECIMAL and DOUBLE (Turtle §6.5, SPARQL §19.8).</summary>
internal static class TurtleNumber
{
    /// <summary>
    /// INTEGER ::= [+-]? [0-9]+; DECIMAL ::= [+-]? [0-9]* '.' [0-9]+;
    /// DOUBLE ::= [+-]? ([0-9]+ '.' [0-9]* EXPONENT | '.' [0-9]+ EXPONENT | [0-9]+ EXPONENT).
    /// </summary>
    public static TurtleNumberKind Classify(ReadOnlySpan<char> s)
    {
        int i = 0;
        if (i < s.Length && s[i] is '+' or '-') i++;
        int intDigits = CountDigits(s, ref i);
        bool dot = false;
        int fracDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            dot = true;
            i++;
            fracDigits = CountDigits(s, ref i);
        }
        if (i == s.Length)
        {
            if (!dot) return intDigits > 0 ? TurtleNumberKind.Integer : TurtleNumberKind.None;
            return fracDigits > 0 ? TurtleNumberKind.Decimal : TurtleNumberKind.None;
        }
        if (s[i] is not ('e' or 'E') || intDigits + fracDigits == 0) return TurtleNumberKind.None;
        i++;
        if (i < s.Length && s[i] is '+' or '-') i++;
        int expDigits = CountDigits(s, ref i);
        return expDigits > 0 && i == s.Length ? TurtleNumberKind.Double : TurtleNumberKind.None;
    }

    private static int CountDigits(ReadOnlySpan<char> s, ref int i)
    {
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        return i - start;
    }
}
