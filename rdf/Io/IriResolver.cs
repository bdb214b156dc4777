using System.Text;

namespace DihNode.Rdf.Io;

/// <summary>
/// Reference resolution exactly as RFC 3986 §5.2 (https://www.rfc-editor.org/rfc/rfc3986#section-5.2):
/// split both references into scheme, authority, path, query and fragment (Appendix B), combine
/// them by §5.2.2 and clean the path with remove_dot_segments (§5.2.4). Works on IRIs as strings;
/// no normalisation beyond what §5.2 asks for.
/// </summary>
public static class IriResolver
{
    /// <summary>True when <paramref name="reference"/> starts with a scheme (<c>ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"</c>).</summary>
    public static bool HasScheme(ReadOnlySpan<char> reference)
    {
        if (reference.Length == 0 || !char.IsAsciiLetter(reference[0])) return false;
        for (int i = 1; i < reference.Length; i++)
        {
            char c = reference[i];
            if (c == ':') return true;
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        }
        return false;
    }

    /// <summary>Resolves <paramref name="reference"/> against the absolute <paramref name="baseIri"/> (§5.2.2, strict).</summary>
    public static string Resolve(string baseIri, string reference)
    {
        var r = Split(reference);
        if (r.Scheme is not null && HasScheme(reference))
            return Recompose(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);

        var b = Split(baseIri);
        string? authority, path, query;
        if (r.Authority is not null)
        {
            authority = r.Authority;
            path = RemoveDotSegments(r.Path);
            query = r.Query;
        }
        else
        {
            if (r.Path.Length == 0)
            {
                path = b.Path;
                query = r.Query ?? b.Query;
            }
            else
            {
                path = r.Path[0] == '/' ? RemoveDotSegments(r.Path) : RemoveDotSegments(Merge(b, r.Path));
                query = r.Query;
            }
            authority = b.Authority;
        }
        return Recompose(b.Scheme, authority, path, query, r.Fragment);
    }

    private readonly record struct Parts(string? Scheme, string? Authority, string Path, string? Query, string? Fragment);

    /// <summary>The regular expression of RFC 3986 Appendix B, by hand.</summary>
    private static Parts Split(string s)
    {
        int i = 0;
        string? scheme = null, authority = null, query = null, fragment = null;
        int colon = s.AsSpan().IndexOfAny(":/?#");
        if (colon > 0 && s[colon] == ':')
        {
            scheme = s[..colon];
            i = colon + 1;
        }
        if (s.Length - i >= 2 && s[i] == '/' && s[i + 1] == '/')
        {
            int start = i + 2;
            int stop = s.AsSpan(start).IndexOfAny("/?#");
            stop = stop < 0 ? s.Length : start + stop;
            authority = s[start..stop];
            i = stop;
        }
        int pathEnd = s.AsSpan(i).IndexOfAny('?', '#');
        pathEnd = pathEnd < 0 ? s.Length : i + pathEnd;
        string path = s[i..pathEnd];
        i = pathEnd;
        if (i < s.Length && s[i] == '?')
        {
            int qEnd = s.IndexOf('#', i + 1);
            qEnd = qEnd < 0 ? s.Length : qEnd;
            query = s[(i + 1)..qEnd];
            i = qEnd;
        }
        if (i < s.Length && s[i] == '#') fragment = s[(i + 1)..];
        return new Parts(scheme, authority, path, query, fragment);
    }

    /// <summary>§5.2.3 Merge Paths.</summary>
    private static string Merge(Parts b, string relPath)
    {
        if (b.Authority is not null && b.Path.Length == 0) return "/" + relPath;
        int slash = b.Path.LastIndexOf('/');
        return slash < 0 ? relPath : string.Concat(b.Path.AsSpan(0, slash + 1), relPath);
    }

    /// <summary>§5.2.4 Remove Dot Segments, step by step as the RFC writes it.</summary>
    public static string RemoveDotSegments(string path)
    {
        if (path.IndexOf('.') < 0) return path;
        var input = path.AsSpan();
        var output = new StringBuilder(path.Length);
        while (input.Length > 0)
        {
            if (input.StartsWith("../")) input = input[3..];                       // A
            else if (input.StartsWith("./")) input = input[2..];                   // A
            else if (input.StartsWith("/./")) input = input[2..];                  // B
            else if (input.SequenceEqual("/.")) input = "/";                       // B
            else if (input.StartsWith("/../") || input.SequenceEqual("/.."))       // C
            {
                input = input.Length == 3 ? "/" : input[3..];
                int last = LastIndexOf(output, '/');
                output.Length = last < 0 ? 0 : last;
            }
            else if (input.SequenceEqual(".") || input.SequenceEqual("..")) input = default; // D
            else                                                                   // E
            {
                int next = input.Length > 1 ? input[1..].IndexOf('/') : -1;
                int take = next < 0 ? input.Length : next + 1;
                output.Append(input[..take]);
                input = input[take..];
            }
        }
        return output.ToString();
    }

    private static int LastIndexOf(StringBuilder sb, char c)
    {
        for (int i = sb.Length - 1; i >= 0; i--)
            if (sb[i] == c) return i;
        return -1;
    }

    /// <summary>§5.3 Component Recomposition.</summary>
    private static string Recompose(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var sb = new StringBuilder(path.Length + 32);
        if (scheme is not null) sb.Append(scheme).Append(':');
        if (authority is not null) sb.Append("//").Append(authority);
        sb.Append(path);
        if (query is not null) sb.Append('?').Append(query);
        if (fragment is not null) sb.Append('#').Append(fragment);
        return sb.ToString();
    }
}
