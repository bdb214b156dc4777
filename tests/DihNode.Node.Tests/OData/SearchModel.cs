namespace DihNode.Node.Tests.OData;

/// <summary>
/// An independent, in-memory reading of a <c>$search</c> expression (OData v4.01 Part 2, §5.1.7: terms and
/// "phrases", NOT binds tighter than AND, AND (also implicit) tighter than OR) matched against text fields
/// ignoring ASCII case, to check what the server's SQL returned.
/// </summary>
internal static class SearchModel
{
    public static bool Matches(string search, string?[] fields)
    {
        var tokens = Tokens(search);
        int at = 0;
        bool result = Or(tokens, ref at, fields);
        Assert.Equal(tokens.Count, at);
        return result;
    }

    private static bool Or(List<string> t, ref int at, string?[] f)
    {
        bool value = And(t, ref at, f);
        while (at < t.Count && t[at] == "OR")
        {
            at++;
            value |= And(t, ref at, f);
        }
        return value;
    }

    private static bool And(List<string> t, ref int at, string?[] f)
    {
        bool value = Not(t, ref at, f);
        while (at < t.Count && t[at] != "OR")
        {
            if (t[at] == "AND") at++;
            value &= Not(t, ref at, f);
        }
        return value;
    }

    private static bool Not(List<string> t, ref int at, string?[] f)
    {
        if (t[at] == "NOT")
        {
            at++;
            return !Not(t, ref at, f);
        }
        string term = t[at++].Trim('"');
        return f.Any(x => x is not null && x.Contains(term, StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> Tokens(string search)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < search.Length)
        {
            if (search[i] == ' ') { i++; continue; }
            int start = i;
            if (search[i] == '"')
            {
                i = search.IndexOf('"', i + 1) + 1;
                Assert.True(i > 0, "unterminated phrase");
            }
            else while (i < search.Length && search[i] != ' ') i++;
            tokens.Add(search[start..i]);
        }
        return tokens;
    }
}
