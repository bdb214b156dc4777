using System.Globalization;
using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using DihNode.Vocab;
using DihNode.Vocab.Profile;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.OData;

/// <summary>
/// Turns a hub as an OData client wrote it into the profile's <see cref="HubRecord"/> for
/// <see cref="HubRegistry.UpsertAsync"/>, checking it by the importers' rules (<see cref="HubRules"/>):
/// a name, a known country (EU code), a known hub type (a Concepts id of scheme hub-type), an http(s)
/// website (normalised), a NUTS 3 code of the hub's country, topics that are known concepts of a topic
/// scheme, levels 1–5. Every refused value is reported with its property's name.
/// A new hub gets source <c>odata</c> and key <c>{cc}-{slug(Name)}</c>; an existing hub keeps its
/// identity (IRI, source, key, source record, statements outside the profile).
/// </summary>
internal static class HubWriteMapper
{
    public const string Source = "odata";

    /// <summary>
    /// The record for <paramref name="proposed"/> (the client's values; its Involvements name ConceptId
    /// and Level), replacing <paramref name="current"/> (loaded with <see cref="HubRegistry.LoadHubs"/>) or
    /// creating a hub when null. Null when a value is refused; then <paramref name="problems"/> says why.
    /// </summary>
    public static HubRecord? ToRecord(Hub proposed, Hub? current, RegistryDbContext context, List<HubFieldProblem> problems)
    {
        string name = proposed.Name?.Trim() ?? "";
        if (HubRules.Required(name) is string missingName) problems.Add(new(nameof(Hub.Name), missingName));
        else if (current is null && Names.Slug(name).Length == 0) problems.Add(new(nameof(Hub.Name), $"'{Names.Shorten(name)}' has no letter or digit"));

        Country? country = null;
        string code = proposed.CountryCode?.Trim() ?? "";
        if (HubRules.Required(code) is string missingCountry) problems.Add(new(nameof(Hub.CountryCode), missingCountry));
        else
        {
            string upper = code.ToUpperInvariant();
            country = context.Countries.AsNoTracking().FirstOrDefault(c => c.Code == upper);
            if (country is null) problems.Add(new(nameof(Hub.CountryCode), HubRules.UnknownCountry(code) + "; see /odata/Countries"));
        }

        var types = context.Concepts.AsNoTracking().Where(c => c.Scheme == ConceptSchemes.HubType).OrderBy(c => c.Id).ToList();
        var type = types.FirstOrDefault(c => c.Id == proposed.TypeId);
        if (type is null)
            problems.Add(new(nameof(Hub.TypeId), HubRules.UnknownHubType(proposed.TypeId.ToString(CultureInfo.InvariantCulture))
                + $"; the ids: {string.Join(", ", types.Select(t => $"{t.Id} = {t.Label}"))}"));

        string? website = null;
        if (!string.IsNullOrWhiteSpace(proposed.Website))
        {
            website = HubRules.Website(proposed.Website, out string? problem);
            if (problem is not null) problems.Add(new(nameof(Hub.Website), problem));
        }

        Iri? nuts = null;
        if (!string.IsNullOrWhiteSpace(proposed.NutsCode))
        {
            string nutsCode = proposed.NutsCode.Trim().ToUpperInvariant();
            if (!IsNuts3(nutsCode) || (country is not null && !nutsCode.StartsWith(country.Code, StringComparison.Ordinal)))
                problems.Add(new(nameof(Hub.NutsCode), $"'{Names.Shorten(proposed.NutsCode)}' is not a NUTS 3 code of the hub's country (two letters and three letters or digits, e.g. PL711)"));
            else nuts = Iri.FromTrusted(Namespaces.NutsCode + nutsCode);
        }

        var topics = Topics(proposed.Involvements, context, problems);
        if (problems.Count > 0) return null;

        var record = current is null
            ? new HubRecord
            {
                Source = Source,
                Key = $"{country!.Code.ToLowerInvariant()}-{Names.Slug(name)}",
                SourceRecord = name,
                Name = name,
                HubType = Iri.FromTrusted(type!.Iri),
                Country = Iri.FromTrusted(country.Iri),
            }
            : HubMapping.ToRecord(current);
        return record with
        {
            Name = name,
            Title = proposed.Title,
            Description = proposed.Description,
            HubType = Iri.FromTrusted(type!.Iri),
            Country = Iri.FromTrusted(country!.Iri),
            NutsRegion = nuts,
            Website = website,
            FullAddress = proposed.FullAddress,
            Street = proposed.Street,
            PostCode = proposed.PostCode,
            City = proposed.City,
            Topics = topics,
        };
    }

    private static List<HubTopic> Topics(List<Involvement>? involvements, RegistryDbContext context, List<HubFieldProblem> problems)
    {
        var topics = new List<HubTopic>();
        if (involvements is null || involvements.Count == 0) return topics;
        var ids = involvements.Select(i => i.ConceptId).Distinct().ToList();
        var schemes = HubRules.TopicSchemes.ToList();
        var concepts = context.Concepts.AsNoTracking().Where(c => ids.Contains(c.Id) && schemes.Contains(c.Scheme)).ToDictionary(c => c.Id);
        var seen = new HashSet<int>();
        for (int k = 0; k < involvements.Count; k++)
        {
            var involvement = involvements[k];
            string at = $"{nameof(Hub.Involvements)}[{k}]";
            if (!concepts.TryGetValue(involvement.ConceptId, out var concept))
            {
                problems.Add(new($"{at}.{nameof(Involvement.ConceptId)}",
                    $"unknown topic {involvement.ConceptId} (not a Concepts id of scheme {string.Join(", ", HubRules.TopicSchemes)})"));
                continue;
            }
            if (!seen.Add(concept.Id))
            {
                problems.Add(new($"{at}.{nameof(Involvement.ConceptId)}", $"'{Names.Shorten(concept.Label)}' is given twice"));
                continue;
            }
            if (involvement.Level is int level && !HubRules.IsLevel(level))
            {
                problems.Add(new($"{at}.{nameof(Involvement.Level)}", HubRules.BadLevel(level.ToString(CultureInfo.InvariantCulture), concept.Label)));
                continue;
            }
            topics.Add(new HubTopic(concept.Scheme, Iri.FromTrusted(concept.Iri), involvement.Level));
        }
        return topics;
    }

    private static bool IsNuts3(string code) =>
        code.Length == 5 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && code.Skip(2).All(char.IsAsciiLetterOrDigit);
}
