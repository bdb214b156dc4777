using System.Text;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// Reference resolution of RFC 3986 §5.2 (with §5.2.4 dot-segment removal), used for relative
/// IRIs against BASE. Works on strings: IRIs are never put through <c>System.Uri</c>.
/// </summary>
internal static class IriResolver
{
    public static bool IsAbsolute(string iri)
    {
        int colon = iri.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(iri[0])) return false;
        for (int i = 1; i < colon; i++)
            if (!(char.IsAsciiLetterOrDigit(iri[i]) || iri[i] is '+' or '-' or '.')) return false;
        return true;
    }

    public static string Resolve(string baseIri, string reference)
    {
        if (IsAbsolute(reference))
        {
            Split(reference, out string s, out string? a, out string p, out string? q, out string? f);
            return Compose(s, a, RemoveDotSegments(p), q, f);
        }
        Split(baseIri, out string bs, out string? ba, out string bp, out string? bq, out _);
        SplitRelative(reference, out string? ra, out string rp, out string? rq, out string? rf);
        string? ta; string tp; string? tq;
        if (ra is not null) { ta = ra; tp = RemoveDotSegments(rp); tq = rq; }
        else
        {
            ta = ba;
            if (rp.Length == 0) { tp = bp; tq = rq ?? bq; }
            else
            {
                if (rp[0] == '/') tp = RemoveDotSegments(rp);
                else
                {
                    string merged = ba is not null && bp.Length == 0 ? "/" + rp : bp[..(bp.LastIndexOf('/') + 1)] + rp;
                    tp = RemoveDotSegments(merged);
                }
                tq = rq;
            }
        }
        return Compose(bs, ta, tp, tq, rf);
    }

    private static void Split(string iri, out string scheme, out string? authority, out string path, out string? query, out string? fragment)
    {
        int colon = iri.IndexOf(':');
        scheme = iri[..colon];
        SplitRelative(iri[(colon + 1)..], out authority, out path, out query, out fragment);
    }

    private static void SplitRelative(string r, out string? authority, out string path, out string? query, out string? fragment)
    {
        fragment = null; query = null; authority = null;
        int hash = r.IndexOf('#');
        if (hash >= 0) { fragment = r[(hash + 1)..]; r = r[..hash]; }
        int qm = r.IndexOf('?');
        if (qm >= 0) { query = r[(qm + 1)..]; r = r[..qm]; }
        if (r.StartsWith("//", StringComparison.Ordinal))
        {
            int slash = r.IndexOf('/', 2);
            if (slash < 0) { authority = r[2..]; r = ""; }
            else { authority = r[2..slash]; r = r[slash..]; }
        }
        path = r;
    }

    private static string Compose(string scheme, string? authority, string path, string? query, string? fragment)
    {
        var sb = new StringBuilder(scheme).Append(':');
        if (authority is not null) sb.Append("//").Append(authority);
        sb.Append(path);
        if (query is not null) sb.Append('?').Append(query);
        if (fragment is not null) sb.Append('#').Append(fragment);
        return sb.ToString();
    }

    /// <summary>RFC 3986 §5.2.4.</summary>
    internal static string RemoveDotSegments(string input)
    {
        if (input.IndexOf('.') < 0) return input;
        var output = new List<string>();
        int i = 0;
        var sb = new StringBuilder();
        while (i < input.Length)
        {
            string rest = input[i..];
            if (rest.StartsWith("../", StringComparison.Ordinal)) i += 3;
            else if (rest.StartsWith("./", StringComparison.Ordinal)) i += 2;
            else if (rest.StartsWith("/./", StringComparison.Ordinal)) i += 2;
            else if (rest == "/.") { input = input[..i] + "/"; }
            else if (rest.StartsWith("/../", StringComparison.Ordinal)) { i += 3; Pop(output); }
            else if (rest == "/..") { input = input[..i] + "/"; Pop(output); }
            else if (rest is "." or "..") i = input.Length;
            else
            {
                int next = input.IndexOf('/', i + (input[i] == '/' ? 1 : 0));
                if (next < 0) next = input.Length;
                output.Add(input[i..next]);
                i = next;
            }
        }
        foreach (string s in output) sb.Append(s);
        return sb.ToString();
    }

    private static void Pop(List<string> output)
    {
        if (output.Count > 0) output.RemoveAt(output.Count - 1);
    }
}
