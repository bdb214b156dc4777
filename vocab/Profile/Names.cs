using System.Globalization;
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
        foreach (char c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            char l = c switch { 'ß' => 's', 'ø' or 'Ø' => 'o', 'ł' or 'Ł' => 'l', 'đ' or 'Đ' => 'd', 'æ' or 'Æ' => 'a', _ => char.ToLowerInvariant(c) };
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
