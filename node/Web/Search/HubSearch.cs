using DihNode.Node.Registry;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Web.Search;

/// <summary>A hub in a result list: what the list shows of it.</summary>
internal sealed record HubHit(string Iri, string Name, string? Title, string? Description, string Type, string CountryCode, string Country, string? City, string Origin);

/// <summary>How many hubs of the selection have each value of a facet (the facet's own filter left out).</summary>
internal sealed record FacetCounts(Facet Facet, IReadOnlyList<(FacetValue Value, int Count)> Values);

/// <summary>
/// The search as SQL over the registry (EF Core): the free text as <c>LIKE</c> over name, title and
/// description (each word must occur in one of them; <c>%</c>, <c>_</c> and <c>\</c> in the text are
/// matched literally), facet values of one facet as alternatives and facets narrowing each other. Facet
/// counts follow the usual faceted-search rule: a facet's counts apply every filter but its own, so
/// each count says how many hubs ticking that value would add or keep.
/// </summary>
internal sealed class HubSearch(RegistryDbContext db, FacetCatalog catalog)
{
    /// <summary>The hubs that match <paramref name="criteria"/>, leaving out the filter of <paramref name="exceptFacet"/>.</summary>
    public IQueryable<Hub> Matching(SearchCriteria criteria, string? exceptFacet = null)
    {
        var hubs = db.Hubs.AsNoTracking();
        foreach (string word in criteria.Words)
        {
            string pattern = "%" + EscapeLike(word) + "%";
            hubs = hubs.Where(h => EF.Functions.Like(h.Name, pattern, "\\")
                || (h.Title != null && EF.Functions.Like(h.Title, pattern, "\\"))
                || (h.Description != null && EF.Functions.Like(h.Description, pattern, "\\")));
        }
        foreach (var (key, values) in criteria.Filters)
        {
            if (key == exceptFacet) continue;
            if (key == Facet.Country)
            {
                var codes = values.Select(v => v.CountryCode!).ToList();
                hubs = hubs.Where(h => codes.Contains(h.CountryCode));
            }
            else if (key == Facet.Type)
            {
                var ids = values.Select(v => v.ConceptId).ToList();
                hubs = hubs.Where(h => ids.Contains(h.TypeId));
            }
            else
            {
                var ids = values.Select(v => v.ConceptId).ToList();
                hubs = hubs.Where(h => h.Involvements.Any(i => ids.Contains(i.ConceptId)));
            }
        }
        return hubs;
    }

    public static IQueryable<Hub> Sorted(IQueryable<Hub> hubs, string sort) => sort switch
    {
        "-name" => hubs.OrderByDescending(h => h.Name).ThenByDescending(h => h.Iri),
        "country" => hubs.OrderBy(h => h.Country!.Name).ThenBy(h => h.Name).ThenBy(h => h.Iri),
        "-modified" => hubs.OrderByDescending(h => h.Modified).ThenBy(h => h.Name).ThenBy(h => h.Iri),
        _ => hubs.OrderBy(h => h.Name).ThenBy(h => h.Iri),
    };

    /// <summary>One page of hits in the order asked for.</summary>
    public Task<List<HubHit>> PageAsync(SearchCriteria criteria, int page, CancellationToken cancellationToken) =>
        Sorted(Matching(criteria), criteria.Sort).Skip((page - 1) * criteria.Size).Take(criteria.Size)
            .Select(h => new HubHit(h.Iri, h.Name, h.Title, h.Description, h.Type!.Label, h.CountryCode, h.Country!.Name, h.City, h.Origin))
            .ToListAsync(cancellationToken);

    public async Task<List<FacetCounts>> FacetsAsync(SearchCriteria criteria, CancellationToken cancellationToken)
    {
        var result = new List<FacetCounts>(Facet.All.Count);
        foreach (var facet in Facet.All)
        {
            var hubs = Matching(criteria, facet.Key);
            var counts = new List<(FacetValue, int)>();
            if (facet.Key == Facet.Country)
            {
                foreach (var row in await hubs.GroupBy(h => h.CountryCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
                    if (catalog.ByCode(row.Key) is { } value) counts.Add((value, row.Count));
            }
            else
            {
                var rows = facet.Key == Facet.Type
                    ? await hubs.GroupBy(h => h.TypeId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken)
                    : await db.Involvements.AsNoTracking()
                        .Where(i => i.Concept!.Scheme == facet.Scheme && hubs.Select(h => h.Id).Contains(i.HubId))
                        .GroupBy(i => i.ConceptId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
                foreach (var row in rows)
                    if (catalog.ById(facet.Key, row.Key) is { } value) counts.Add((value, row.Count));
            }
            // Chosen values stay listed (with 0) so they can be unticked.
            foreach (var chosen in criteria.Selected(facet.Key))
                if (!counts.Any(c => c.Item1 == chosen)) counts.Add((chosen, 0));
            counts.Sort((a, b) => b.Item2 != a.Item2 ? b.Item2.CompareTo(a.Item2) : string.Compare(a.Item1.Label, b.Item1.Label, StringComparison.OrdinalIgnoreCase));
            result.Add(new FacetCounts(facet, counts));
        }
        return result;
    }

    /// <summary><c>LIKE</c> with <c>\</c> as the escape character: the text's own wildcards match themselves.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
