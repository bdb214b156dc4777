using DihNode.Vocab.Profile;

namespace DihNode.Vocab.Import;

/// <summary>
/// The CSV template for national platforms (vocab/CSV-TEMPLATE.md). Hub key:
/// <c>{country code}-{slug(id)}</c>, or <c>{country code}-{slug(name)}</c> when <c>id</c> is empty.
/// </summary>
internal sealed class TemplateFormat : HubCsvFormat
{
    public override string Source => "csv";

    public override IReadOnlyList<string> RequiredColumns { get; } =
        ["id", "name", "title", "type", "country", "street", "postcode", "city", "website", "description", "sectors", "services", "technologies"];

    internal override HubRecord? Map(RowReader row)
    {
        string name = row.Required("name");
        var type = row.HubType("type");
        var country = row.Country("country");
        string? website = row.Website("website");
        var topics = new List<HubTopic>();
        row.Topics("sectors", ConceptSchemes.Sector, true, topics);
        row.Topics("services", ConceptSchemes.Service, true, topics);
        row.Topics("technologies", ConceptSchemes.Technology, true, topics);
        string? id = row.Optional("id");
        if (id is not null && Names.Slug(id).Length == 0) row.Problem("id", $"'{Names.Shorten(id)}' has no letter or digit");
        if (row.Problems.Count > 0) return null;
        string? street = row.Optional("street"), postcode = row.Optional("postcode"), city = row.Optional("city");
        var hub = new HubRecord
        {
            Source = Source,
            Key = $"{row.Reference.EuCode(country)?.ToLowerInvariant() ?? "xx"}-{Names.Slug(id ?? name)}",
            SourceRecord = id ?? name,
            Name = name,
            Title = row.Optional("title"),
            HubType = type,
            Country = country,
            Street = street,
            PostCode = postcode,
            City = city,
            Website = website,
            Description = row.Optional("description"),
            Topics = topics,
        };
        return WithNuts(hub, row, $"{street} {postcode} {city}");
    }
}
