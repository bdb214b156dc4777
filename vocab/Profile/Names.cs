using System.Text;

namespace DihNode.Vocab.Profile;

/// <summary>Normalisation of names and web addresses, used for stable IRIs and for matching hubs across sources.</summary>
public static class Names
{
    /// <summary>
    /// The slug of a name: diacritics removed, lower case, each run of other characters than ASCII
    /// letters and digits turned into one '-', at most 80 characters. "Ciência & Tecnologia" -> "ciencia-tecnologia".
    /// </summary>
    public static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length);
        bool dash = false;
        foreach (char c in name)
        {
            char l = Fold(c);
            if (l == '\0') continue; // a combining mark
            if (l is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (dash && sb.Length > 0) sb.Append('-');
                sb.Append(l);
                dash = false;
            }
            else dash = true;
            if (sb.Length >= 80) break;
        }
        return sb.ToString().TrimEnd('-');
    }

    /// <summary>
    /// A Latin letter without its diacritics, lower case (the node runs with invariant globalisation, so
    /// Unicode decomposition is not available: this table covers Latin-1 and Latin Extended-A/B).
    /// Combining marks give '\0'; other characters come back lower-cased.
    /// </summary>
    private static char Fold(char c)
    {
        if (c < 0x80) return char.ToLowerInvariant(c);
        if (c is >= '\u0300' and <= '\u036F') return '\0';
        return s_fold.TryGetValue(c, out char f) ? f : char.ToLowerInvariant(c);
    }


    private static Dictionary<char, char> BuildFold()
    {
        var map = new Dictionary<char, char>();
        foreach (var (letters, ascii) in s_foldTable)
            foreach (char c in letters) map[c] = ascii;
        return map;
    }

    private static readonly (string Letters, char Ascii)[] s_foldTable =
    [
        ("ÀÁÂÃÄÅÆàáâãäåæĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧ", 'a'),
        ("ÇçĆćĈĉĊċČč", 'c'),
        ("ÐðĎďĐđ", 'd'),
        ("ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩ", 'e'),
        ("ĜĝĞğĠġĢģǦǧǴǵ", 'g'),
        ("ĤĥĦħȞȟ", 'h'),
        ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐȈȉȊȋ", 'i'),
        ("Ĵĵǰ", 'j'),
        ("ĶķǨǩ", 'k'),
        ("ĹĺĻļĽľĿŀŁł", 'l'),
        ("ÑñŃńŅņŇňǸǹ", 'n'),
        ("ÒÓÔÕÖØòóôõöøŌōŎŏŐőŒœƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱ", 'o'),
        ("ŔŕŖŗŘřȐȑȒȓ", 'r'),
        ("ßŚśŜŝŞşŠšȘș", 's'),
        ("ÞþŢţŤťŦŧȚț", 't'),
        ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗ", 'u'),
        ("Ŵŵ", 'w'),
        ("ÝýÿŶŷŸȲȳ", 'y'),
        ("ŹźŻżŽž", 'z'),
    ];

    private static readonly Dictionary<char, char> s_fold = BuildFold();

    /// <summary>The host of a web address without a leading "www.", lower case; null when it has none.</summary>
    public static string? WebsiteHost(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)) return null;
        string host = uri.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>
    /// A website value as an absolute http(s) IRI, or null with a reason. A bare host name
    /// ("www.example.org/x") gets "http://" in front; anything else must already be http or https.
    /// </summary>
    public static string? NormaliseWebsite(string value, out string? reason)
    {
        reason = null;
        string v = value.Trim();
        if (!v.Contains("://", StringComparison.Ordinal) && v.Contains('.') && !v.Contains(' ') && !v.Contains('@')) v = "http://" + v;
        if (!Uri.TryCreate(v, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host) || !uri.Host.Contains('.'))
        {
            reason = $"'{Shorten(value)}' is not an http(s) URL";
            return null;
        }
        if (DihNode.Rdf.Model.Iri.Validate(v) is string problem)
        {
            reason = $"'{Shorten(value)}' is not a valid IRI: {problem}";
            return null;
        }
        return v;
    }

    public static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
