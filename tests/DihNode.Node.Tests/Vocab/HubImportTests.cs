using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab;
using DihNode.Vocab.Csv;
using static DihNode.Node.Tests.Vocab.VocabTestData;

namespace DihNode.Node.Tests.Vocab;

/// <summary>The national CSV template importer on small fixtures: rules, duplicates, strict mode, re-imports.</summary>
public sealed class HubImportTests
{
    private const string Good1 = "si-1,DIH Slovenia,Digital Innovation Hub Slovenia,DIH,SI,Tehnološki park 19,1000,Ljubljana,https://dihslovenia.si,\"Hub, with a comma\",Health care=4|Energy=2,SME support=5,Big data=3";
    private const string Good2 = "at-7,Hub Wien,,EDIH,AT,Praterstraße 1,1020,Wien,,,,,";

    [Fact]
    public void ValidRowsGoInAndBadRowsAreRejectedWithRowColumnAndReason()
    {
        using var store = new MemoryDataset();
        string csv = string.Join("\n",
            TemplateHeader,
            Good1,
            "x-0,,,DIH,SI,,,,,,,,",                                       // row 3: missing name
            "x-1,Hub X,,DIH,Atlantis,,,,,,,,",                          // row 4: unknown country
            "x-2,Hub Y,,DIH,FR,,,,not a url,,,,",                       // row 5: bad URL
            "x-3,Hub Z,,DIH,FR,,,,,,Energy=7,,",                        // row 6: bad level
            "x-4,Hub Q,,DIH,FR,,,,,,Energy,,",                          // row 7: level missing
            "x-5,Hub R,,Incubator,FR,,,,,,,,",                          // row 8: unknown type
            "x-6,Hub S,,DIH,FR,,,,,,Underwater basket weaving=3,,",     // row 9: unknown sector
            "x-7,Hub T,,DIH,FR",                                        // row 10: too few fields
            Good2,
            Good1);                                                     // row 12: duplicate of row 2
        var report = ImportTemplate(store, csv);
        Assert.Equal((2, 0, 0, 9), (report.Imported, report.Updated, report.Unchanged, report.Rejected));
        var problems = report.RejectedRows.Select(r => r.Single()).ToList();
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 12], problems.Select(p => p.Row));
        Assert.Equal(["name", "country", "website", "sectors", "sectors", "type", "sectors", "*", "*"], problems.Select(p => p.Column));
        Assert.Contains("missing value", problems[0].Reason);
        Assert.Contains("unknown country 'Atlantis'", problems[1].Reason);
        Assert.Contains("bad URL", problems[2].Reason);
        Assert.Contains("bad level '7'", problems[3].Reason);
        Assert.Contains("no level", problems[4].Reason);
        Assert.Contains("unknown hub type", problems[5].Reason);
        Assert.Contains("unknown sector", problems[6].Reason);
        Assert.Contains("5 fields, the header 13", problems[7].Reason);
        Assert.Contains("duplicate of row 2", problems[8].Reason);
        Assert.Equal("row 3 (line 3), column name: missing value (required)", problems[0].ToString());

        var hubs = HubsGraph(store);
        var slovenia = Hub("csv", "si-si-1");
        Assert.Contains(new Triple(slovenia, Namespaces.SkosTerms.PrefLabel, Literal.Simple("DIH Slovenia")), hubs);
        Assert.Contains(new Triple(slovenia, Namespaces.DctTerms.Spatial, Iri.Create(Namespaces.CountryAuthority + "SVN")), hubs);
        // Ljubljana is not the name of a NUTS 3 region (Osrednjeslovenska); Wien is (AT130).
        Assert.DoesNotContain(hubs, t => t.Subject == slovenia && t.Object.ToString().Contains(Namespaces.NutsCode, StringComparison.Ordinal));
        Assert.Contains(new Triple(Hub("csv", "at-at-7"), Namespaces.DctTerms.Spatial, Iri.Create(Namespaces.NutsCode + "AT130")), hubs);
        Assert.Equal(1, report.NutsLinked);
        Assert.Contains(new Triple(slovenia, Namespaces.FoafTerms.Homepage, Iri.Create("https://dihslovenia.si")), hubs);
        Assert.Contains(new Triple(slovenia, Namespaces.DctTerms.Description, Literal.Simple("Hub, with a comma")), hubs);
        var involvement = Iri.Create(slovenia.Value + "/involvement/sector/health-care");
        Assert.Contains(new Triple(involvement, Namespaces.DihTerms.Topic, Reference.Iris.Concept("sector", "Health care")), hubs);
        Assert.Contains(new Triple(involvement, Namespaces.DihTerms.Level, Literal.Typed("4", Vocabulary.Xsd.Integer)), hubs);
        Assert.Equal(2, hubs.Count(t => t.Predicate == Vocabulary.Rdf.Type && t.Object == Namespaces.DihTerms.Hub));
        Assert.Equal(2, report.NutsCountryHubs);
    }

    [Fact]
    public void StrictModeWritesNothingWhenARowIsRejected()
    {
        using var store = new MemoryDataset();
        var report = ImportTemplate(store, $"{TemplateHeader}\n{Good1}\nx-0,,,DIH,SI,,,,,,,,\n", strict: true);
        Assert.True(report.RolledBack);
        Assert.Equal((0, 1), (report.Imported, report.Rejected));
        Assert.Equal(0, store.QuadCount);

        report = ImportTemplate(store, $"{TemplateHeader}\n{Good1}\n", strict: true);
        Assert.Equal(1, report.Imported);
        Assert.False(report.RolledBack);
    }

    [Fact]
    public void ReimportingUpdatesInsteadOfDuplicating()
    {
        using var store = new MemoryDataset();
        var first = ImportTemplate(store, $"{TemplateHeader}\n{Good1}\n{Good2}\n");
        Assert.Equal((2, 0, 0), (first.Imported, first.Updated, first.Unchanged));
        long quads = store.QuadCount;

        var again = ImportTemplate(store, $"{TemplateHeader}\n{Good2}\n{Good1}\n");
        Assert.Equal((0, 0, 2), (again.Imported, again.Updated, again.Unchanged));
        Assert.Equal(quads, store.QuadCount);

        string changed = Good1.Replace("Energy=2", "Energy=3").Replace("Big data=3", "");
        var update = ImportTemplate(store, $"{TemplateHeader}\n{changed}\n{Good2}\n");
        Assert.Equal((0, 1, 1), (update.Imported, update.Updated, update.Unchanged));
        var hubs = HubsGraph(store);
        var slovenia = Hub("csv", "si-si-1");
        var energy = Iri.Create(slovenia.Value + "/involvement/sector/energy");
        Assert.Contains(new Triple(energy, Namespaces.DihTerms.Level, Literal.Typed("3", Vocabulary.Xsd.Integer)), hubs);
        Assert.DoesNotContain(new Triple(energy, Namespaces.DihTerms.Level, Literal.Typed("2", Vocabulary.Xsd.Integer)), hubs);
        Assert.DoesNotContain(hubs, t => t.Subject.ToString().Contains("big-data", StringComparison.Ordinal));
        Assert.Equal(2, hubs.Count(t => t.Predicate == Vocabulary.Rdf.Type && t.Object == Namespaces.DihTerms.Hub));
    }

    [Fact]
    public void ATenMegabyteDescriptionRejectsItsRowOnly()
    {
        using var store = new MemoryDataset();
        string huge = new('d', 10 * 1024 * 1024);
        var report = ImportTemplate(store, $"{TemplateHeader}\n{Good1}\nbig,Big Hub,,DIH,FR,,,,,\"{huge}\",,,\n{Good2}\n");
        Assert.Equal((2, 1), (report.Imported, report.Rejected));
        var problem = report.RejectedRows[0].Single();
        Assert.Equal((3, "description"), (problem.Row, problem.Column));
        Assert.Contains("longer than 1,048,576 characters", problem.Reason);
    }

    [Fact]
    public void AFatalErrorLeavesTheStoreUnchanged()
    {
        using var store = new MemoryDataset();
        ImportTemplate(store, $"{TemplateHeader}\n{Good1}\n");
        long quads = store.QuadCount;
        var e = Assert.Throws<CsvFormatException>(() => ImportTemplate(store, $"{TemplateHeader}\n{Good2}\nq,\"Open quote,,DIH,FR,,,,,,,,\n"));
        Assert.Equal((3, 3), (e.Row, e.Line));
        Assert.Equal(quads, store.QuadCount);
    }

    [Fact]
    public void WrongColumnsAreRefused()
    {
        var e = Assert.Throws<CsvFormatException>(() => ReadTemplate("name,land\nHub,SI\n"));
        Assert.Contains("missing column(s) id, title, type, country", e.Problem);
        Assert.Equal(1, e.Row);
    }

    [Fact]
    public void HubsOfDifferentSourcesAreLinkedByHostOrNameAndCountry()
    {
        using var store = new MemoryDataset();
        ImportTemplate(store, $"{TemplateHeader}\n{Good1}\n{Good2}\n");
        string jrc = "s3_hub_id,name,website,street,city,country,country_code,country_code_eu,country_iri,profile_url,sectors,description\n" +
                     "11,Slovenian DIH,http://www.dihslovenia.si/about,,,Slovenia,SI,SI,,,,\n" +
                     "12,HUB WIEN,,,,Austria,AT,AT,,,,\n" +
                     "13,Hub Wien,,,,Germany,DE,DE,,,,\n";
        var batch = DihNode.Vocab.Import.HubCsvFormat.Jrc2022.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(jrc)), Reference, "jrc.csv");
        var report = DihNode.Vocab.Import.HubStoreWriter.Write(store, batch, Reference, strict: false);
        Assert.Equal((3, 0), (report.Imported, report.Rejected));
        Assert.Equal(2, report.CrossSourceLinks);
        var links = Graph(store, Reference.Iris.LinksGraph);
        Assert.Contains(new Triple(Hub("csv", "si-si-1"), Namespaces.DctTerms.Relation, Hub("jrc2022", "11")), links);
        Assert.Contains(new Triple(Hub("jrc2022", "11"), Namespaces.DctTerms.Relation, Hub("csv", "si-si-1")), links);
        Assert.Contains(new Triple(Hub("csv", "at-at-7"), Namespaces.DctTerms.Relation, Hub("jrc2022", "12")), links);
        Assert.DoesNotContain(links, t => t.Object == Hub("jrc2022", "13")); // same name, other country
        Assert.Equal(4, links.Count);
        // Both keep their own provenance.
        var hubs = HubsGraph(store);
        Assert.Contains(new Triple(Hub("jrc2022", "11"), Namespaces.DctTerms.Source, Reference.Iris.Source("jrc2022")), hubs);
        Assert.Contains(new Triple(Hub("csv", "si-si-1"), Namespaces.DctTerms.Source, Reference.Iris.Source("csv")), hubs);
    }

    [Fact]
    public void ReferenceGraphsAreWrittenOnce()
    {
        using var store = new MemoryDataset();
        ImportTemplate(store, $"{TemplateHeader}\n{Good1}\n");
        long quads = store.QuadCount;
        ImportTemplate(store, $"{TemplateHeader}\n{Good1}\n");
        Assert.Equal(quads, store.QuadCount);
        Assert.Equal(8843, Graph(store, Reference.Iris.CountriesGraph).Count); // the published table, plus the scheme's dct:title DCAT-AP asks for
        Assert.Contains(new Triple(Iri.Create(Namespaces.NutsCode + "SI042"), Namespaces.SkosTerms.Broader, Iri.Create(Namespaces.NutsCode + "SI04")),
            Graph(store, Reference.Iris.NutsGraph));
    }
}
