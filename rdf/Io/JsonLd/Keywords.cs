namespace DihNode.Rdf.Io.JsonLd;

/// <summary>The JSON-LD keywords (JSON-LD 1.1 §1.7, https://www.w3.org/TR/json-ld11/#keywords).</summary>
internal static class Keywords
{
    public const string Base = "@base";
    public const string Container = "@container";
    public const string Context = "@context";
    public const string Default = "@default";
    public const string Direction = "@direction";
    public const string Embed = "@embed";
    public const string Explicit = "@explicit";
    public const string Graph = "@graph";
    public const string Id = "@id";
    public const string Import = "@import";
    public const string Included = "@included";
    public const string Index = "@index";
    public const string Json = "@json";
    public const string Language = "@language";
    public const string List = "@list";
    public const string Nest = "@nest";
    public const string None = "@none";
    public const string OmitDefault = "@omitDefault";
    public const string Prefix = "@prefix";
    public const string Preserve = "@preserve";
    public const string Propagate = "@propagate";
    public const string Protected = "@protected";
    public const string RequireAll = "@requireAll";
    public const string Reverse = "@reverse";
    public const string Set = "@set";
    public const string Type = "@type";
    public const string Value = "@value";
    public const string Version = "@version";
    public const string Vocab = "@vocab";

    private static readonly HashSet<string> s_all = new(StringComparer.Ordinal)
    {
        Base, Container, Context, Direction, Graph, Id, Import, Included, Index, Json, Language, List,
        Nest, None, Prefix, Propagate, Protected, Reverse, Set, Type, Value, Version, Vocab,
        Default, Embed, Explicit, OmitDefault, RequireAll,
    };

    /// <summary>True for the keywords of JSON-LD 1.1 (and framing).</summary>
    public static bool IsKeyword(string? s) => s is not null && s.Length > 1 && s[0] == '@' && s_all.Contains(s);

    /// <summary>
    /// True for strings of the form "@" 1*ALPHA, which the spec reserves for future keywords: processors
    /// ignore them with a warning (§4.2.2 step 4, §5.2.2 step 2).
    /// </summary>
    public static bool HasKeywordForm(string s)
    {
        if (s.Length < 2 || s[0] != '@') return false;
        for (int i = 1; i < s.Length; i++)
            if (!char.IsAsciiLetter(s[i])) return false;
        return true;
    }
}
