using DihNode.Vocab.Csv;
using DihNode.Vocab.Profile;

namespace DihNode.Vocab.Import;

/// <summary>
/// One CSV layout of hub records: its required columns and how a row maps to a <see cref="HubRecord"/>.
/// <see cref="Read"/> is the shared driver: header check (a missing column is fatal), field count per
/// row, rejected rows with all their problems, duplicates (two rows giving the same hub IRI).
/// </summary>
public abstract class HubCsvFormat
{
    /// <summary>The source's short name, part of hub IRIs and of <c>dct:source</c>.</summary>
    public abstract string Source { get; }

    public abstract IReadOnlyList<string> RequiredColumns { get; }

    internal abstract HubRecord? Map(RowReader row);

    public static HubCsvFormat Edih2025 { get; } = new EdihCatalogueFormat();
    public static HubCsvFormat Jrc2022 { get; } = new JrcDihToolFormat();
    public static HubCsvFormat Template { get; } = new TemplateFormat();

    /// <summary>Reads all rows of <paramref name="input"/>; throws <see cref="CsvFormatException"/> when the file as a whole is unreadable.</summary>
    public HubBatch Read(Stream input, Reference.ReferenceData reference, string? sourceName = null)
    {
        var records = new CsvReader { SourceName = sourceName }.Read(input);
        if (records.Count == 0) throw new CsvFormatException("the file is empty (no header row)", 1, 1, 1, sourceName);
        var header = records[0].Fields;
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            string name = header[i].Trim();
            if (name.Length == 0) continue;
            if (!columns.TryAdd(name, i))
                throw new CsvFormatException($"column '{name}' appears twice in the header", 1, 1, 1, sourceName);
        }
        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new CsvFormatException($"not a {Source} file: missing column(s) {string.Join(", ", missing)}; expected {string.Join(",", RequiredColumns)}", 1, 1, 1, sourceName);

        var batch = new HubBatch();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Length == 1 && record.Fields[0].Length == 0) continue; // blank line
            var row = new RowReader(record, columns, reference);
            HubRecord? hub = null;
            if (record.Problem is not null)
                row.Problem(record.ProblemField < header.Length ? header[record.ProblemField] : $"#{record.ProblemField + 1}", record.Problem);
            else if (record.Fields.Length != header.Length)
                row.Problem("*", $"the row has {record.Fields.Length} fields, the header {header.Length}");
            else
                hub = Map(row);
            if (hub is not null && row.Problems.Count == 0 && !seen.TryAdd(hub.Key, record.Row))
                row.Problem("*", $"duplicate of row {seen[hub.Key]} (same hub: {Source}/{hub.Key})");
            if (hub is null || row.Problems.Count > 0)
            {
                batch.Rejected.Add(row.Problems);
                continue;
            }
            batch.Warnings.AddRange(row.Warnings);
            if (row.NutsCountry) batch.NutsCountryHubs++;
            if (hub.NutsRegion is not null) batch.NutsLinked++;
            batch.Hubs.Add(HubDescriptionBuilder.Build(hub, reference.Iris, record.Row, record.Line));
        }
        return batch;
    }

    /// <summary>Adds the NUTS 3 region <paramref name="location"/> names, if any, and notes whether the country has NUTS regions.</summary>
    internal static HubRecord WithNuts(HubRecord hub, RowReader row, string? location)
    {
        var nuts = row.Nuts(hub.Country, location, out bool hasNuts);
        row.NutsCountry = hasNuts;
        return nuts is null ? hub : hub with { NutsRegion = nuts };
    }
}
