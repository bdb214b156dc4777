using DihNode.Rdf.Store;
using DihNode.Vocab.Import;
using static DihNode.Node.Tests.Vocab.VocabTestData;

namespace DihNode.Node.Tests.Vocab;

/// <summary>The two real hub catalogues from the shared folder.</summary>
public sealed class RealDataImportTests
{
    private static string Dih(string file) => Path.Combine(DataDirectory, "dih", file);

    [Fact]
    public void BothCataloguesImportCompletelyAndReimportUnchanged()
    {
        using var store = new MemoryDataset();
        var edih = HubImporter.Import(store, Dih("edih-catalogue-2025.csv"), HubInputFormat.Edih2025, Reference, strict: true);
        Assert.Equal((457, 0, 0, 0), (edih.Imported, edih.Updated, edih.Unchanged, edih.Rejected));
        // Explained, not rejected: 35 placeholder websites and 18 topics listed twice in the export.
        Assert.Equal(35, edih.Warnings.Count(w => w.Column == "website"));
        Assert.Equal(18, edih.Warnings.Count(w => w.Column != "website"));
        Assert.True(edih.NutsLinked * 100 / edih.NutsCountryHubs >= 40, $"{edih.NutsLinked} of {edih.NutsCountryHubs}");

        var jrc = HubImporter.Import(store, Dih("jrc-dih-tool-legacy-2022.csv"), HubInputFormat.Jrc2022, Reference, strict: true);
        Assert.Equal((701, 0, 0, 0), (jrc.Imported, jrc.Updated, jrc.Unchanged, jrc.Rejected));
        Assert.Empty(jrc.Warnings);
        Assert.True(jrc.NutsLinked * 100 / jrc.NutsCountryHubs >= 30, $"{jrc.NutsLinked} of {jrc.NutsCountryHubs}");
        Assert.InRange(jrc.CrossSourceLinks, 150, 300);

        long quads = store.QuadCount;
        var again = HubImporter.Import(store, Dih("edih-catalogue-2025.csv"), HubInputFormat.Edih2025, Reference, strict: true);
        Assert.Equal((0, 0, 457, 0), (again.Imported, again.Updated, again.Unchanged, again.Rejected));
        Assert.Equal(jrc.CrossSourceLinks, again.CrossSourceLinks);
        Assert.Equal(quads, store.QuadCount);
        Assert.Equal(457 + 701, HubsGraph(store).Count(t => t.Predicate == DihNode.Vocab.Namespaces.DctTerms.Identifier));
    }
}
