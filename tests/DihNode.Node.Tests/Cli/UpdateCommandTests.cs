using DihNode.Rdf.Store.Sqlite;

namespace DihNode.Node.Tests.Cli;

/// <summary><c>dihnode update</c> on files in memory and on a store file.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class UpdateCommandTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private const string Data = """
        <http://example.org/a> <http://example.org/p> "1" .
        <http://example.org/b> <http://example.org/p> "2" .
        """;

    private const string Update = """
        PREFIX : <http://example.org/>
        DELETE { ?s :p "1" } INSERT { GRAPH :g { ?s :q "one" } } WHERE { ?s :p "1" } ;
        INSERT DATA { :c :p "3" }
        """;

    [Fact]
    public void UpdatesDataFilesAndWritesTheDataset()
    {
        string data = _host.File("data.nt", Data);
        string update = _host.File("change.ru", Update);
        string output = _host.PathOf("out.nq");
        Assert.Equal(0, _host.Run("update", data, update, "--out", output));
        Assert.Equal(
            "<http://example.org/b> <http://example.org/p> \"2\" .\n" +
            "<http://example.org/c> <http://example.org/p> \"3\" .\n" +
            "<http://example.org/a> <http://example.org/q> \"one\" <http://example.org/g> .\n",
            File.ReadAllText(output));
        Assert.Equal("1 quads removed, 2 added, 3 in the store\n", _host.Error);
    }

    [Fact]
    public void AMalformedRequestIsReportedWithItsPositionAndChangesNothing()
    {
        string data = _host.File("data.nt", Data);
        string update = _host.File("bad.ru", "PREFIX : <http://example.org/>\nINSERT DATA { :c :p \"3\" } ;\nDELETE DATA { ?x :p 1 }\n");
        string output = _host.PathOf("out.nq");
        Assert.Equal(1, _host.Run("update", data, update, "--out", output));
        Assert.Matches(@"^.*bad\.ru:3:\d+: .+\n$", _host.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void AFailingOperationIsReportedAndChangesNothing()
    {
        string data = _host.File("data.nt", Data);
        string update = _host.File("fail.ru", "INSERT DATA { <http://example.org/c> <http://example.org/p> 3 } ; DROP GRAPH <http://example.org/none>");
        string output = _host.PathOf("out.nq");
        Assert.Equal(1, _host.Run("update", data, update, "--out", output));
        Assert.Contains("fail.ru: operation 2: graph <http://example.org/none> does not exist", _host.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void UpdatesAStoreFileInOneTransaction()
    {
        string db = _host.PathOf("store.db");
        string load = _host.File("data.nt", Data);
        string first = _host.File("load.ru", $"LOAD <{new Uri(load).AbsoluteUri}>");
        // LOAD reads only from the folder it is allowed.
        Assert.Equal(1, _host.Run("update", "--db", db, first));
        Assert.Contains("refused", _host.Error);
        Assert.Equal(0, _host.Run("update", "--db", db, first, "--allow-load", _host.Directory));

        string update = _host.File("change.ru", Update);
        Assert.Equal(0, _host.Run("update", "--db", db, update));
        Assert.Equal("1 quads removed, 2 added, 3 in the store\n", _host.Error);

        string failing = _host.File("fail.ru", "CLEAR DEFAULT ; CREATE GRAPH <http://example.org/g>");
        Assert.Equal(1, _host.Run("update", "--db", db, failing));
        using var store = SqliteRdfStore.Open(db, create: false);
        Assert.Equal(3, store.QuadCount);
    }

    [Fact]
    public void NeedsATarget()
    {
        string update = _host.File("change.ru", Update);
        Assert.Equal(2, _host.Run("update", update));
        Assert.Contains("--db", _host.Error);
        Assert.Equal(2, _host.Run("update", "--db", _host.PathOf("x.db"), _host.File("d.nt", Data), update));
    }
}
