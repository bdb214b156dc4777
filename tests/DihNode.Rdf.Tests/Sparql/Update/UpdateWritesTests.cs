using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Sparql.Update;

namespace DihNode.Rdf.Tests.Sparql.Update;

/// <summary><see cref="UpdateWrites"/>: the graphs each kind of update operation may write, known before it runs.</summary>
public class UpdateWritesTests
{
    private const string Prologue = "PREFIX : <http://example.org/> ";

    private static string[] Writes(string update) =>
        [.. UpdateWrites.Of(SparqlParser.ParseUpdate(Prologue + update)).Select(w => w.ToString())];

    [Theory]
    [InlineData("INSERT DATA { :s :p 1 . GRAPH :g { :s :p 2 } GRAPH :h { :s :p 3 . :s :p 4 } }",
        new[] { "INSERT DATA (operation 1): the default graph", "INSERT DATA (operation 1): graph <http://example.org/g>", "INSERT DATA (operation 1): graph <http://example.org/h>" })]
    [InlineData("DELETE DATA { GRAPH :g { :s :p 2 } }", new[] { "DELETE DATA (operation 1): graph <http://example.org/g>" })]
    [InlineData("DELETE WHERE { GRAPH :g { ?s ?p ?o } }", new[] { "DELETE WHERE (operation 1): graph <http://example.org/g>" })]
    [InlineData("DELETE WHERE { ?s ?p ?o }", new[] { "DELETE WHERE (operation 1): the default graph" })]
    [InlineData("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", new[] { "DELETE WHERE (operation 1): a graph named by the variable ?g (GRAPH ?g in a template)" })]
    [InlineData("WITH :w DELETE { ?s ?p ?o } INSERT { GRAPH :g { ?s ?p ?o } } WHERE { ?s ?p ?o }",
        new[] { "DELETE/INSERT (operation 1): graph <http://example.org/w>", "DELETE/INSERT (operation 1): graph <http://example.org/g>" })]
    [InlineData("WITH :w INSERT { ?s ?p 1 } USING :other USING NAMED :named WHERE { ?s ?p ?o }", new[] { "INSERT (operation 1): graph <http://example.org/w>" })]
    [InlineData("INSERT { ?s ?p 1 } USING :g WHERE { ?s ?p ?o }", new[] { "INSERT (operation 1): the default graph" })]
    [InlineData("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }", new[] { "DELETE (operation 1): a graph named by the variable ?g (GRAPH ?g in a template)" })]
    [InlineData("INSERT { GRAPH :g { ?s ?p ?o } } WHERE { GRAPH :other { ?s ?p ?o } }", new[] { "INSERT (operation 1): graph <http://example.org/g>" })]
    [InlineData("LOAD <http://example.org/doc.ttl> INTO GRAPH :g", new[] { "LOAD (operation 1): graph <http://example.org/g>" })]
    [InlineData("LOAD <http://example.org/doc.ttl>", new[] { "LOAD (operation 1): the default graph" })]
    [InlineData("CLEAR GRAPH :g", new[] { "CLEAR (operation 1): graph <http://example.org/g>" })]
    [InlineData("CLEAR DEFAULT", new[] { "CLEAR (operation 1): the default graph" })]
    [InlineData("DROP NAMED", new[] { "DROP (operation 1): every named graph" })]
    [InlineData("DROP SILENT ALL", new[] { "DROP (operation 1): every named graph", "DROP (operation 1): the default graph" })]
    [InlineData("CREATE GRAPH :g", new[] { "CREATE (operation 1): graph <http://example.org/g>" })]
    [InlineData("ADD :a TO :b", new[] { "ADD (operation 1): graph <http://example.org/b>" })]
    [InlineData("COPY DEFAULT TO :b", new[] { "COPY (operation 1): graph <http://example.org/b>" })]
    [InlineData("MOVE :a TO DEFAULT", new[] { "MOVE (operation 1): the default graph", "MOVE (operation 1): graph <http://example.org/a>" })]
    public void EachOperationKindNamesTheGraphsItMayWrite(string update, string[] expected) =>
        Assert.Equal(expected, Writes(update));

    [Fact]
    public void OperationsAreListedInOrderWithTheirIndex()
    {
        var writes = UpdateWrites.Of(SparqlParser.ParseUpdate(Prologue + "CREATE GRAPH :a ; INSERT DATA { GRAPH :a { :s :p 1 } } ; MOVE :a TO :b"));
        Assert.Equal([0, 1, 2, 2], writes.Select(w => w.OperationIndex));
        Assert.Equal(["CREATE", "INSERT DATA", "MOVE", "MOVE"], writes.Select(w => w.Operation));
        Assert.Equal(["http://example.org/a", "http://example.org/a", "http://example.org/b", "http://example.org/a"], writes.Select(w => w.Graph!.Value));
        Assert.All(writes, w => Assert.Equal(GraphWriteKind.Graph, w.Kind));
    }

    [Fact]
    public void ReadOnlyPartsWriteNothing()
    {
        // An empty template and a WHERE over other graphs: nothing is written, so nothing is listed.
        Assert.Empty(Writes("INSERT { } WHERE { GRAPH :g { ?s ?p ?o } }"));
        Assert.Empty(Writes("INSERT DATA { }"));
    }
}
