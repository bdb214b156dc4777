using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Web.Search;

/// <summary>
/// What the search page shows, all of it in the URL's query string so a search can be shared, bookmarked
/// and gone back to: <c>q</c> (free text), one parameter per facet (repeatable: values of one facet are
/// alternatives, facets narrow each other), <c>sort</c>, <c>page</c> and <c>size</c>. Parsing never
/// fails: what cannot be used (an unknown country, a page that is not a number) is left out and named
/// in <see cref="Notices"/>.
/// </summary>
internal sealed class SearchCriteria
{
    public const int MaxTextLength = 200;
    public static readonly int[] PageSizes = [10, 20, 50, 100];

    /// <summary>The orders on offer: URL value and label.</summary>
    public static IReadOnlyList<(string Value, string Label)> Sorts { get; } =
        [("name", "Name (A–Z)"), ("-name", "Name (Z–A)"), ("country", "Country, then name"), ("-modified", "Recently changed")];

    public string Text { get; private init; } = "";

    /// <summary>Facet key to the chosen values, in the order of <see cref="Facet.All"/>; only facets with a value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Filters { get; private init; } = new Dictionary<string, IReadOnlyList<FacetValue>>();

    public string Sort { get; private init; } = "name";

    public int Page { get; private init; } = 1;

    public int Size { get; private init; } = 20;

    public List<string> Notices { get; } = [];

    public bool IsEmpty => Text.Length == 0 && Filters.Count == 0;

    public IReadOnlyList<FacetValue> Selected(string facet) => Filters.GetValueOrDefault(facet) ?? [];

    public static SearchCriteria Parse(IQueryCollection query, FacetCatalog catalog)
    {
        var notices = new List<string>();
        string text = Clean(query["q"].ToString());
        if (text.Length > MaxTextLength)
        {
            notices.Add($"The search text was cut to its first {MaxTextLength} characters.");
            text = text[..MaxTextLength];
        }
        var filters = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var facet in Facet.All)
        {
            var chosen = new List<FacetValue>();
            foreach (string? raw in query[facet.Key])
            {
                string value = Clean(raw ?? "");
                if (value.Length == 0) continue;
                if (catalog.Find(facet.Key, value) is { } found) { if (!chosen.Contains(found)) chosen.Add(found); }
                else notices.Add($"There is no {facet.Title.ToLowerInvariant()} “{Shorten(value)}”: that filter was left out.");
            }
            if (chosen.Count > 0) filters[facet.Key] = chosen;
        }
        string sort = query["sort"].ToString();
        if (sort.Length > 0 && !Sorts.Any(s => s.Value == sort))
        {
            notices.Add($"“{Shorten(sort)}” is not a way to sort: sorted by name.");
            sort = "";
        }
        int page = 1, size = 20;
        string pageText = query["page"].ToString();
        if (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            notices.Add($"“{Shorten(pageText)}” is not a page number: showing page 1.");
            page = 1;
        }
        string sizeText = query["size"].ToString();
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || !PageSizes.Contains(size)))
        {
            notices.Add($"Pages hold {string.Join(", ", PageSizes)} hubs: showing 20.");
            size = 20;
        }
        var criteria = new SearchCriteria { Text = text, Filters = filters, Sort = sort.Length == 0 ? "name" : sort, Page = page, Size = size };
        criteria.Notices.AddRange(notices);
        return criteria;
    }

    /// <summary>The words of the free text (at most 8; each matched anywhere in name, title or description).</summary>
    public IReadOnlyList<string> Words => Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).Take(8).ToList();

    /// <summary>The URL of these criteria on <paramref name="path"/>, with a facet value switched on or off, or another page or order.</summary>
    public string Url(string path = "/search", string? facet = null, FacetValue? toggle = null, int? page = null, bool withPaging = true)
    {
        var parts = new List<(string, string)>();
        if (Text.Length > 0) parts.Add(("q", Text));
        foreach (var f in Facet.All)
        {
            var values = Selected(f.Key).ToList();
            if (f.Key == facet && toggle is not null)
            {
                if (!values.Remove(toggle)) values.Add(toggle);
            }
            foreach (var v in values) parts.Add((f.Key, v.Value));
        }
        if (Sort != "name") parts.Add(("sort", Sort));
        if (withPaging)
        {
            // Changing a filter goes back to page 1; the page size stays.
            int p = page ?? (facet is null ? Page : 1);
            if (p != 1) parts.Add(("page", p.ToString(CultureInfo.InvariantCulture)));
            if (Size != 20) parts.Add(("size", Size.ToString(CultureInfo.InvariantCulture)));
        }
        if (parts.Count == 0) return path;
        var url = new StringBuilder(path).Append('?');
        for (int i = 0; i < parts.Count; i++)
        {
            if (i > 0) url.Append('&');
            url.Append(Uri.EscapeDataString(parts[i].Item1)).Append('=').Append(Uri.EscapeDataString(parts[i].Item2));
        }
        return url.ToString();
    }

    /// <summary>Control characters become spaces, runs of white space one space, ends trimmed.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            bool blank = char.IsWhiteSpace(c) || char.IsControl(c);
            if (blank) { space = clean.Length > 0; continue; }
            if (space) clean.Append(' ');
            space = false;
            clean.Append(c);
        }
        return clean.ToString();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
