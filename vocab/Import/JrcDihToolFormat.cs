using DihNode.Vocab.Profile;

namespace DihNode.Vocab.Import;

/// <summary>
/// The JRC DIH tool snapshot (<c>jrc-dih-tool-legacy-2022.csv</c>): every hub is of type DIH; sectors
/// are <c>|</c>-separated legacy labels without levels. Hub key: the tool's own <c>s3_hub_id</c>, stable
/// in that source.
/// </summary>
internal sealed class JrcDihToolFormat : HubCsvFormat
{
    public override string Source => "jrc2022";

    public override IReadOnlyList<string> RequiredColumns { get; } =
        ["s3_hub_id", "name", "website", "street", "city", "country_code", "country_iri", "sectors", "description"];

    internal override HubRecord? Map(RowReader row)
    {
        string id = row.Required("s3_hub_id");
        if (id.Length > 0 && !id.All(char.IsAsciiDigit)) row.Problem("s3_hub_id", $"'{Names.Shorten(id)}' is not a number");
        string name = row.Required("name");
        var country = row.Country(row.Optional("country_iri") is null ? "country_code" : "country_iri");
        string? website = row.Website("website");
        var topics = new List<HubTopic>();
        row.Topics("sectors", ConceptSchemes.LegacySector, false, topics);
        if (row.Problems.Count > 0) return null;
        string? street = row.Optional("street"), city = row.Optional("city");
        var hub = new HubRecord
        {
            Source = Source,
            Key = id,
            SourceRecord = id,
            Name = name,
            HubType = row.Reference.Schemes.Find(ConceptSchemes.HubType, "DIH")!,
            Country = country,
            Street = street,
            City = city,
            Website = website,
            Description = row.Optional("description"),
            Topics = topics,
        };
        return WithNuts(hub, row, $"{street} {city}");
    }
}
