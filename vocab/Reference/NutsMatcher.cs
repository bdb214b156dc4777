using DihNode.Rdf.Model;
using DihNode.Vocab.Profile;

namespace DihNode.Vocab.Reference;

/// <summary>A NUTS 2024 level-3 region: its IRI, EU country code, national and Latin labels.</summary>
public sealed record NutsRegion(Iri Iri, string CountryCode, string Label, string LatinLabel);

/// <summary>
/// Finds the NUTS 3 region a free-text location names, within one country. Each region label is cut
/// into names (split on '/', the part before a comma, without a parenthesised qualifier and without
/// prefixes such as "Arr.", "Prov.", "Kreis", "Miasto"), slugged like <see cref="Names.Slug"/>, and looked for as
/// whole words in the slugged location; the longest name found wins. Names shorter than 4 characters
/// are not used (too many false hits).
/// </summary>
public sealed class NutsMatcher
{
    private readonly Dictionary<string, List<(string Name, NutsRegion Region)>> _byCountry = new(StringComparer.OrdinalIgnoreCase);

    public NutsMatcher(IEnumerable<NutsRegion> regions)
    {
        foreach (var r in regions)
        {
            if (!_byCountry.TryGetValue(r.CountryCode, out var list)) _byCountry[r.CountryCode] = list = [];
            foreach (string name in NamesOf(r.Label).Concat(NamesOf(r.LatinLabel)).Distinct())
                if (name.Length >= 4) list.Add((name, r));
        }
        foreach (var list in _byCountry.Values) list.Sort((a, b) => b.Name.Length.CompareTo(a.Name.Length));
    }

    public bool HasCountry(string euCountryCode) => _byCountry.ContainsKey(euCountryCode);

    public int RegionCount => _byCountry.Values.Sum(l => l.Select(x => x.Region).Distinct().Count());

    /// <summary>The region named in <paramref name="location"/> for the country with EU code <paramref name="euCountryCode"/>, or null.</summary>
    public NutsRegion? Match(string euCountryCode, string? location)
    {
        if (string.IsNullOrWhiteSpace(location) || !_byCountry.TryGetValue(euCountryCode, out var list)) return null;
        string text = "-" + Names.Slug(location) + "-";
        foreach (var (name, region) in list)
            if (text.Contains("-" + name + "-", StringComparison.Ordinal)) return region;
        return null;
    }

    private static IEnumerable<string> NamesOf(string label)
    {
        foreach (string part in label.Split('/'))
        {
            string p = part;
            int paren = p.IndexOf('(');
            if (paren > 0) p = p[..paren];
            int comma = p.IndexOf(',');
            if (comma > 0) p = p[..comma];
            p = p.Trim();
            foreach (string prefix in (string[])["Arr. de ", "Arr. d'", "Arr. ", "Prov. ", "Landkreis ", "Kreis ", "Miasto ", "Städteregion ", "Regionalverband ", "Stadtkreis "])
                if (p.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) p = p[prefix.Length..];
            string slug = Names.Slug(p);
            if (slug.Length > 0) yield return slug;
        }
    }
}
