using System.Text;
using DihNode.Node.Tests.Vocab;

namespace DihNode.Node.Tests.Cli;

/// <summary><c>dihnode import</c> on fixture files written by the tests, and on the real catalogues.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ImportCommandTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private const string Good = "si-1,DIH Slovenia,,DIH,SI,,,Ljubljana,https://dihslovenia.si,,Energy=2,,";

    private int Import(params string[] args) =>
        _host.Run(["import", "--db", _host.PathOf("hubs.db"), "--reference", VocabTestData.DataDirectory, .. args]);

    [Fact]
    public void PrintsTheCountsAndTheRejectedRows()
    {
        string csv = _host.File("hubs.csv", $"{VocabTestData.TemplateHeader}\n{Good}\nx,Bad Hub,,DIH,SI,,,,,,Energy=0,,\n");
        Assert.Equal(1, Import("--format", "csv", csv));
        Assert.StartsWith("imported 1, updated 0, unchanged 0, rejected 1\n", _host.Out);
        Assert.Contains("rejected row 3 (line 3), column sectors: bad level '0' for 'Energy' (an integer 1 to 5)\n", _host.Out);

        string fixedCsv = _host.File("hubs2.csv", $"{VocabTestData.TemplateHeader}\n{Good}\n");
        Assert.Equal(0, Import("--format", "csv", fixedCsv));
        Assert.StartsWith("imported 0, updated 0, unchanged 1, rejected 0\n", _host.Out);
    }

    [Theory]
    [InlineData("import", "0")]
    [InlineData("import", "-1")]
    [InlineData("import", "3601")]
    [InlineData("import", "ten")]
    [InlineData("import", "1e3")]
    [InlineData("import", "NaN")]
    [InlineData("serve", "0")]
    [InlineData("serve", "99999")]
    public void LockWaitMustBeAPositiveBoundedNumberOfSeconds(string command, string value)
    {
        string csv = _host.File("hubs.csv", $"{VocabTestData.TemplateHeader}\n{Good}\n");
        int code = command == "import"
            ? Import("--format", "csv", "--lock-wait", value, csv)
            : _host.Run("serve", "--db", _host.PathOf("hubs.db"), "--lock-wait", value);
        Assert.Equal(2, code);
        Assert.Contains($"dihnode {command}: --lock-wait wants a number of seconds greater than 0 and at most 3600, not '{value}'", _host.Error);
        Assert.False(File.Exists(_host.PathOf("hubs.db"))); // refused before anything was opened
    }

    [Fact]
    public void LockWaitIsInTheHelpOfImportAndServe()
    {
        Assert.Equal(0, _host.Run("import", "--help"));
        Assert.Contains("[--lock-wait SECONDS]", _host.Out);
        Assert.Equal(0, _host.Run("serve", "--help"));
        Assert.Contains("[--lock-wait SECONDS]", _host.Out);
    }

    [Fact]
    public void AFractionalLockWaitIsTaken()
    {
        string csv = _host.File("hubs.csv", $"{VocabTestData.TemplateHeader}\n{Good}\n");
        Assert.Equal(0, Import("--format", "csv", "--lock-wait", "0.5", csv));
        Assert.StartsWith("imported 1,", _host.Out);
    }

    [Fact]
    public void StrictWritesNothing()
    {
        string csv = _host.File("hubs.csv", $"{VocabTestData.TemplateHeader}\n{Good}\n,,,DIH,SI,,,,,,,,\n");
        Assert.Equal(1, Import("--strict", "--format", "csv", csv));
        Assert.StartsWith("imported 0, updated 0, unchanged 0, rejected 1 (strict: nothing written)\n", _host.Out);
        Assert.Equal(0, _host.Run("dump", "--db", _host.PathOf("hubs.db"), _host.PathOf("out.nq")));
        Assert.Equal("", File.ReadAllText(_host.PathOf("out.nq")));
    }

    [Fact]
    public void AQuoteLeftOpenStopsTheImportWithItsPosition()
    {
        string csv = _host.File("open.csv", $"{VocabTestData.TemplateHeader}\n{Good}\nq,\"Open,,DIH,SI,,,,,,,,\n");
        Assert.Equal(1, Import("--format", "csv", csv));
        Assert.Contains("open.csv:3:3: a quoted field is still open at the end of the input", _host.Error);
        Assert.Contains("nothing imported; the store is unchanged", _host.Error);
        Assert.False(File.Exists(_host.PathOf("hubs.db")));
    }

    [Fact]
    public void WrongEncodingAndWrongColumnsAreClearErrors()
    {
        string latin = _host.PathOf("latin.csv");
        File.WriteAllBytes(latin, Encoding.Latin1.GetBytes($"{VocabTestData.TemplateHeader}\nid,Hub München,,DIH,DE,,,,,,,,\n"));
        Assert.Equal(1, Import("--format", "csv", latin));
        Assert.Contains("latin.csv:2:9: the file is not UTF-8", _host.Error);

        string edih = _host.File("wrong.csv", $"{VocabTestData.TemplateHeader}\n{Good}\n");
        Assert.Equal(1, Import("--format", "edih2025", edih));
        Assert.Contains("not a edih2025 file: missing column(s) row_id", _host.Error);
    }

    [Fact]
    public void DuplicateRowsAndHugeFieldsAreRejectedPerRow()
    {
        string huge = new('x', 10 * 1024 * 1024 + 1);
        string csv = _host.File("dup.csv", $"{VocabTestData.TemplateHeader}\n{Good}\n{Good}\nbig,Big,,DIH,FR,,,,,\"{huge}\",,,\n");
        Assert.Equal(1, Import("--format", "csv", csv));
        Assert.StartsWith("imported 1, updated 0, unchanged 0, rejected 2\n", _host.Out);
        Assert.Contains("rejected row 3 (line 3), column *: duplicate of row 2", _host.Out);
        Assert.Contains("rejected row 4 (line 4), column description: field 10 is longer than 1,048,576 characters", _host.Out);
    }

    [Fact]
    public void ImportsRdfAndChecksUsage()
    {
        string ttl = _host.File("hub.ttl", """
            @prefix dih: <https://w3id.org/dihnode/ns#> .
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            <https://hubs.example.ee/1> a dih:Hub ; skos:prefLabel "Hub" ;
                dct:spatial <http://publications.europa.eu/resource/authority/country/EST> .
            """);
        Assert.Equal(0, Import("--format", "rdf", "--base-iri", "https://hubs.example.ee", ttl));
        Assert.StartsWith("imported 1, updated 0, unchanged 0, rejected 0\n", _host.Out);
        Assert.Equal(2, Import("--format", "xlsx", ttl));
        Assert.Contains("unknown format 'xlsx'", _host.Error);
        Assert.Equal(2, Import("--format", "csv", "--base-iri", "nope", ttl));
        Assert.Equal(2, Import("--format", "csv", _host.PathOf("missing.csv")));
    }

    [Fact]
    public void ImportsTheRealCataloguesIntoAStoreFile()
    {
        string dih = Path.Combine(VocabTestData.DataDirectory, "dih");
        Assert.Equal(0, Import("--format", "edih2025", Path.Combine(dih, "edih-catalogue-2025.csv")));
        Assert.StartsWith("imported 457, updated 0, unchanged 0, rejected 0\n", _host.Out);
        Assert.Equal(0, Import("--format", "jrc2022", Path.Combine(dih, "jrc-dih-tool-legacy-2022.csv")));
        Assert.StartsWith("imported 701, updated 0, unchanged 0, rejected 0\n", _host.Out);
        Assert.Matches(@"hubs linked across sources: \d{3} pairs", _host.Out);
        Assert.Equal(0, Import("--format", "jrc2022", Path.Combine(dih, "jrc-dih-tool-legacy-2022.csv")));
        Assert.StartsWith("imported 0, updated 0, unchanged 701, rejected 0\n", _host.Out);
    }

    [Fact]
    public void SyncRemovesHubsTheSourceNoLongerLists()
    {
        const string second = "si-2,DIH Two,,DIH,SI,,,Maribor,https://two.example.si,,Energy=3,,";
        string both = _host.File("both.csv", $"{VocabTestData.TemplateHeader}\n{Good}\n{second}\n");
        Assert.Equal(0, Import("--format", "csv", both));
        Assert.StartsWith("imported 2, updated 0, unchanged 0, rejected 0\n", _host.Out);
        string one = _host.File("one.csv", $"{VocabTestData.TemplateHeader}\n{Good}\n");
        Assert.Equal(0, Import("--format", "csv", one));
        Assert.StartsWith("imported 0, updated 0, unchanged 1, rejected 0\n", _host.Out); // a partial file keeps the others
        Assert.Equal(0, Import("--format", "csv", "--sync", one));
        Assert.StartsWith("imported 0, updated 0, unchanged 1, rejected 0, deleted 1\n", _host.Out);
        Assert.Equal(0, _host.Run("dump", "--db", _host.PathOf("hubs.db"), _host.PathOf("out.nq")));
        string dump = File.ReadAllText(_host.PathOf("out.nq"));
        Assert.Contains("DIH Slovenia", dump);
        Assert.DoesNotContain("DIH Two", dump);
    }

    [Fact]
    public void LoadIntoANodeTakesOnlyGraphsTheNodeDoesNotManage()
    {
        string csv = _host.File("hubs.csv", $"{VocabTestData.TemplateHeader}\n{Good}\n");
        Assert.Equal(0, Import("--format", "csv", csv));
        string db = _host.PathOf("hubs.db");
        string data = _host.File("extra.ttl", "<http://example.org/a> <http://example.org/p> \"mine\" .\n");
        Assert.Equal(2, _host.Run("load", "--db", db, data));
        Assert.Contains("load into a graph of your own with --graph IRI", _host.Error);
        Assert.Equal(2, _host.Run("load", "--db", db, "--graph", "https://dih.example.org/graph/hubs", data));
        string update = _host.File("u.ru", "INSERT DATA { <http://e/s> <http://e/p> 1 }");
        Assert.Equal(2, _host.Run("update", "--db", db, update));
        Assert.Contains("is a node database", _host.Error);
        Assert.Equal(0, _host.Run("load", "--db", db, "--graph", "http://example.org/mine", data));
        Assert.Equal(0, _host.Run("query", "--db", db, "--format", "csv", "--query-text", "SELECT ?o WHERE { GRAPH <http://example.org/mine> { ?s ?p ?o } }"));
        Assert.Equal("o\r\nmine\r\n", _host.Out);
    }
}
