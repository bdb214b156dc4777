using DihNode.Vocab.Profile;

namespace DihNode.Vocab.Import;

/// <summary>
/// The EDIH catalogue export (<c>edih-catalogue-2025.csv</c>): one hub per row; facets as
/// <c>Label=level|Label=level</c>. Hub key: <c>{country code}-{type notation}-{slug(name)}</c>, since
/// the export's <c>row_id</c> is only a sequence number and one name can be both a DIH and an EDIH.
/// The export writes the placeholder <c>Website</c> where a hub gave no address: taken as "no website", with a warning.
/// </summary>
internal sealed class EdihCatalogueFormat : HubCsvFormat
{
    public override string Source => "edih2025";

    public override IReadOnlyList<string> RequiredColumns { get; } =
        ["row_id", "name", "title", "type", "country_code", "country_iri", "location", "website", "description", "sectors", "services", "technologies"];

    internal override HubRecord? Map(RowReader row)
    {
        string id = row.Required("row_id");
        string name = row.Required("name");
        var type = row.HubType("type");
        var country = row.Country(row.Optional("country_iri") is null ? "country_code" : "country_iri");
        string? site = row.Optional("website");
        string? website = null;
        if (string.Equals(site, "Website", StringComparison.OrdinalIgnoreCase))
            row.Warning("website", "placeholder 'Website' instead of an address: no website recorded");
        else
            website = row.Website("website");
        var topics = new List<HubTopic>();
        row.Topics("sectors", ConceptSchemes.Sector, true, topics);
        row.Topics("services", ConceptSchemes.Service, true, topics);
        row.Topics("technologies", ConceptSchemes.Technology, true, topics);
        if (row.Problems.Count > 0) return null;
        string notation = ConceptSchemes.HubTypes.First(h => row.Reference.Schemes.Find(ConceptSchemes.HubType, h.Label) == type).Notation;
        string location = row.Optional("location") ?? "";
        var hub = new HubRecord
        {
            Source = Source,
            Key = $"{row.Reference.EuCode(country)?.ToLowerInvariant() ?? "xx"}-{notation.ToLowerInvariant()}-{Names.Slug(name)}",
            SourceRecord = id,
            Name = name,
            Title = row.Optional("title"),
            HubType = type,
            Country = country,
            FullAddress = location.Length > 0 ? location : null,
            Website = website,
            Description = row.Optional("description"),
            Topics = topics,
        };
        return WithNuts(hub, row, location);
    }
}
