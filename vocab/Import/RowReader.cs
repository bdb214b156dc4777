using System.Globalization;
using DihNode.Rdf.Model;
using DihNode.Vocab.Csv;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;

namespace DihNode.Vocab.Import;

/// <summary>
/// Reads one CSV record by column name and collects its problems: each check that fails adds an
/// <see cref="ImportProblem"/> naming the column, and the row is rejected when any was added.
/// </summary>
internal sealed class RowReader(CsvRecord record, IReadOnlyDictionary<string, int> columns, ReferenceData reference)
{
    public List<ImportProblem> Problems { get; } = [];
    public List<ImportProblem> Warnings { get; } = [];
    public CsvRecord Record => record;

    /// <summary>Set by the NUTS lookup: the hub's country has NUTS regions.</summary>
    public bool NutsCountry { get; set; }
    public ReferenceData Reference => reference;

    /// <summary>The trimmed value, or null when empty or the column is absent.</summary>
    public string? Optional(string column)
    {
        if (!columns.TryGetValue(column, out int i) || i >= record.Fields.Length) return null;
        string v = record.Fields[i].Trim();
        return v.Length == 0 ? null : v;
    }

    public string Required(string column)
    {
        string? v = Optional(column);
        if (v is null) Problem(column, HubRules.MissingValue);
        return v ?? "";
    }

    public void Problem(string column, string reason) => Problems.Add(new ImportProblem(record.Row, record.Line, column, reason));

    public void Warning(string column, string reason) => Warnings.Add(new ImportProblem(record.Row, record.Line, column, reason));

    public Iri Country(string column)
    {
        string v = Required(column);
        if (v.Length == 0) return Iri.FromTrusted(Namespaces.CountryAuthority + "XXX");
        var c = reference.FindCountry(v);
        if (c is null) Problem(column, HubRules.UnknownCountry(v));
        return c ?? Iri.FromTrusted(Namespaces.CountryAuthority + "XXX");
    }

    public string? Website(string column)
    {
        string? v = Optional(column);
        if (v is null) return null;
        string? url = HubRules.Website(v, out string? problem);
        if (problem is not null) Problem(column, problem);
        return url;
    }

    public Iri HubType(string column)
    {
        string v = Required(column);
        var t = reference.Schemes.Find(ConceptSchemes.HubType, v);
        if (t is null && v.Length > 0)
            Problem(column, HubRules.UnknownHubType(v));
        return t ?? Iri.FromTrusted("urn:x-invalid");
    }

    /// <summary>
    /// Topics written <c>Label=level|Label=level</c> (<paramref name="withLevels"/>) or <c>Label|Label</c>;
    /// each label must be a concept of <paramref name="scheme"/>, each level an integer 1–5.
    /// </summary>
    public void Topics(string column, string scheme, bool withLevels, List<HubTopic> into)
    {
        string? v = Optional(column);
        if (v is null) return;
        var seen = new Dictionary<Iri, int?>();
        foreach (string rawItem in v.Split('|'))
        {
            string item = rawItem.Trim();
            if (item.Length == 0) continue;
            string label = item;
            int? level = null;
            if (withLevels)
            {
                int eq = item.LastIndexOf('=');
                if (eq < 0) { Problem(column, $"'{Names.Shorten(item)}' has no level (write Label=1 to Label=5)"); continue; }
                label = item[..eq].Trim();
                string l = item[(eq + 1)..].Trim();
                if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || !HubRules.IsLevel(n))
                {
                    Problem(column, HubRules.BadLevel(l, label));
                    continue;
                }
                level = n;
            }
            var concept = reference.Schemes.Find(scheme, label);
            if (concept is null) { Problem(column, HubRules.UnknownTopic(scheme, label)); continue; }
            if (seen.TryGetValue(concept, out int? earlier))
            {
                if (earlier == level)
                {
                    Warning(column, $"'{Names.Shorten(label)}' is given twice with the same level; kept once");
                }
                else
                {
                    // The EDIH export folds sub-categories into one label; the higher self-declared level is kept.
                    int? kept = Math.Max(earlier ?? 0, level ?? 0);
                    Warning(column, $"'{Names.Shorten(label)}' is given twice with levels {earlier} and {level}; level {kept} kept");
                    seen[concept] = kept;
                    int at = into.FindIndex(t => t.Concept == concept);
                    into[at] = into[at] with { Level = kept };
                }
                continue;
            }
            seen[concept] = level;
            into.Add(new HubTopic(scheme, concept, level));
        }
    }

    /// <summary>The NUTS 3 region named in <paramref name="location"/>, for a country with NUTS regions.</summary>
    public Iri? Nuts(Iri country, string? location, out bool countryHasNuts)
    {
        string? eu = reference.EuCode(country);
        countryHasNuts = eu is not null && reference.Nuts.HasCountry(eu);
        return eu is null ? null : reference.Nuts.Match(eu, location)?.Iri;
    }
}
