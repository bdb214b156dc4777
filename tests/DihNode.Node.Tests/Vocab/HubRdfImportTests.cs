using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab;
using DihNode.Vocab.Import;
using static DihNode.Node.Tests.Vocab.VocabTestData;

namespace DihNode.Node.Tests.Vocab;

/// <summary>Hubs given as RDF, including the complete hub of PROFILE.md.</summary>
public sealed class HubRdfImportTests
{
    private static ImportReport Import(IRdfStore store, string turtle, bool strict = false)
    {
        var batch = HubRdfFormat.Read(new MemoryStream(Encoding.UTF8.GetBytes(turtle)), RdfFormat.Turtle, Reference,
            new RdfParserOptions { SourceName = "hubs.ttl" });
        return HubStoreWriter.Write(store, batch, Reference, strict);
    }

    private static string ProfileExample()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "DihNode.sln"))) dir = dir.Parent;
        string md = File.ReadAllText(Path.Combine(dir.FullName, "vocab", "PROFILE.md"));
        int start = md.IndexOf("```turtle\n", StringComparison.Ordinal) + "```turtle\n".Length;
        return md[start..md.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void TheProfileExampleImportsAsOneValidHub()
    {
        using var store = new MemoryDataset();
        var report = Import(store, ProfileExample());
        Assert.Equal((1, 0, 0, 0), (report.Imported, report.Updated, report.Unchanged, report.Rejected));
        Assert.Equal((1, 1), (report.NutsLinked, report.NutsCountryHubs));
        var hub = Hub("edih2025", "pl-edih-re-d");
        var hubs = HubsGraph(store);
        Assert.Equal(3 * 3 + 2 + 16, hubs.Count);
        Assert.Contains(new Triple(hub, Namespaces.OrgTerms.Classification, Reference.Iris.Concept("hub-type", "EDIH")), hubs);
        Assert.Equal(1, Import(store, ProfileExample()).Unchanged);
    }

    [Fact]
    public void TheProfileExampleIsWhatTheEdihImporterWritesForThatRow()
    {
        // The CSV importer's output for row 381, restricted to the three involvements the example shows.
        string csv = "row_id,name,title,type,country,country_code,country_code_eu,country_iri,location,website,description,sectors,services,technologies\n" +
            "381,re_d,re_d: rethink digital - Central Poland Digitalisation Hub,EDIH,Poland,PL,PL,http://publications.europa.eu/resource/authority/country/POL," +
            "\"Tymienieckiego 22G, 90-349 Lodz, Poland\",https://www.re-d.pl/,\"re_d (rethink digital Hub) is a Digitalisation Hub located in the region of Central Poland focusing on IoT/5G, cybersecurity, AI, VR/AR areas and open innovation channel, aiming at preparing SMEs to understand and implement technologies. Re_d is a combination of business institutions, academia, R&D centers, business and startups.\"," +
            "Textiles=5,Prototyping=5,Artificial Intelligence & Decision support=4\n";
        var fromCsv = HubCsvFormat.Edih2025.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Reference, "edih.csv").Hubs.Single().Triples;
        var fromExample = HubRdfFormat.Read(new MemoryStream(Encoding.UTF8.GetBytes(ProfileExample())), RdfFormat.Turtle, Reference).Hubs.Single().Triples;
        Assert.Null(Isomorphism.DescribeDifference(fromCsv, fromExample));
    }

    private const string BlankNodeHub = """
        @prefix dih: <https://w3id.org/dihnode/ns#> .
        @prefix org: <http://www.w3.org/ns/org#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://hubs.example.fi/hub/1> a org:Organization, dih:Hub ;
            skos:prefLabel "Hub One" ;
            dct:spatial <http://publications.europa.eu/resource/authority/country/FIN> ;
            dih:involvement [ a dih:Involvement ; dih:topic <https://dih.example.org/concept/sector/energy> ; dih:level LEVEL ] .
        """;

    [Fact]
    public void BlankNodePartsCompareUpToRenaming()
    {
        using var store = new MemoryDataset();
        Assert.Equal(1, Import(store, BlankNodeHub.Replace("LEVEL", "3")).Imported);
        long quads = store.QuadCount;
        Assert.Equal(1, Import(store, BlankNodeHub.Replace("LEVEL", "3")).Unchanged);
        var updated = Import(store, BlankNodeHub.Replace("LEVEL", "4"));
        Assert.Equal(1, updated.Updated);
        Assert.Equal(quads, store.QuadCount);
        Assert.Single(HubsGraph(store), t => t.Predicate == Namespaces.DihTerms.Level);
        // No source in the input: the RDF source is recorded.
        Assert.Contains(new Triple(Iri.Create("https://hubs.example.fi/hub/1"), Namespaces.DctTerms.Source, Reference.Iris.Source("rdf")), HubsGraph(store));
    }

    [Theory]
    [InlineData("9", "dih:level", "bad level")]
    [InlineData("\"high\"", "dih:level", "bad level")]
    public void BrokenRulesRejectTheHub(string level, string column, string reason)
    {
        using var store = new MemoryDataset();
        var report = Import(store, BlankNodeHub.Replace("LEVEL", level));
        var problem = report.RejectedRows.Single().Single();
        Assert.Equal(column, problem.Column);
        Assert.Contains(reason, problem.Reason);
        Assert.Equal("<https://hubs.example.fi/hub/1>", problem.Record);
    }

    [Fact]
    public void MissingNameUnknownCountryAndBadHomepageAreRejected()
    {
        using var store = new MemoryDataset();
        string ttl = BlankNodeHub.Replace("LEVEL", "2")
            .Replace("skos:prefLabel \"Hub One\" ;", "<http://xmlns.com/foaf/0.1/homepage> <mailto:x@example.fi> ;")
            .Replace("country/FIN", "country/ZZZ");
        var problems = Import(store, ttl).RejectedRows.Single();
        Assert.Equal(["dct:spatial", "foaf:homepage", "skos:prefLabel"], problems.Select(p => p.Column).Order(StringComparer.Ordinal));
        Assert.Contains(problems, p => p.Reason.Contains("unknown country", StringComparison.Ordinal));
        Assert.Empty(HubsGraph(store));
    }
}
