using DihNode.Rdf.Sparql.Update;
using static DihNode.Rdf.Tests.Sparql.Update.UpdateTestStore;

namespace DihNode.Rdf.Tests.Sparql.Update;

/// <summary>SPARQL 1.1 Update §3.2: CLEAR, DROP, CREATE, COPY, MOVE, ADD, and SILENT.</summary>
public class GraphManagementTests
{
    private const string Data = ":a :p 0 . GRAPH :g { :a :p 1 } GRAPH :h { :a :p 2 }";

    [Theory]
    [InlineData("CLEAR DEFAULT", new[] { ":a :p 1 :g", ":a :p 2 :h" })]
    [InlineData("DROP DEFAULT", new[] { ":a :p 1 :g", ":a :p 2 :h" })]
    [InlineData("CLEAR NAMED", new[] { ":a :p 0" })]
    [InlineData("DROP NAMED", new[] { ":a :p 0" })]
    [InlineData("CLEAR ALL", new string[0])]
    [InlineData("DROP ALL", new string[0])]
    [InlineData("CLEAR GRAPH :g", new[] { ":a :p 0", ":a :p 2 :h" })]
    [InlineData("DROP GRAPH :g", new[] { ":a :p 0", ":a :p 2 :h" })]
    public void ClearAndDrop(string update, string[] expected)
    {
        var store = With(Data);
        Run(store, update);
        Assert.Equal(expected, Dump(store));
    }

    [Theory]
    [InlineData("CLEAR GRAPH :missing")]
    [InlineData("DROP GRAPH :missing")]
    [InlineData("CREATE GRAPH :g")]
    [InlineData("COPY :missing TO :g")]
    [InlineData("MOVE :missing TO DEFAULT")]
    [InlineData("ADD GRAPH :missing TO :h")]
    public void FailuresEndTheRequestAndSilentMakesThemNoOps(string update)
    {
        var store = With(Data);
        Assert.Throws<UpdateExecutionException>(() => Run(store, update));
        Assert.Equal(Dump(With(Data)), Dump(store));

        string silent = update.Insert(update.IndexOf(' '), " SILENT");
        Assert.Equal(new UpdateSummary(0, 1), Run(store, silent + " ; INSERT DATA { :after :p 1 }"));
        Assert.Contains(":after :p 1", Dump(store));
        Assert.Equal(Dump(With(Data)).Count + 1, Dump(store).Count);
    }

    [Fact]
    public void CreateOfAnEmptyGraphSucceedsAndRecordsNothing()
    {
        var store = With(Data);
        Run(store, "CREATE GRAPH :new");
        Assert.Equal(Dump(With(Data)), Dump(store));
        // The store keeps no empty graphs: the created graph does not exist until it holds a triple.
        Assert.Throws<UpdateExecutionException>(() => Run(store, "CREATE GRAPH :new ; DROP GRAPH :new"));
        Run(store, "CREATE GRAPH :new ; INSERT DATA { GRAPH :new { :x :y :z } } ; DROP GRAPH :new");
        Assert.Equal(Dump(With(Data)), Dump(store));
    }

    [Fact]
    public void AddKeepsTheDestination()
    {
        var store = With(Data);
        Run(store, "ADD :g TO :h");
        Assert.Equal([":a :p 0", ":a :p 1 :g", ":a :p 1 :h", ":a :p 2 :h"], Dump(store));
    }

    [Fact]
    public void CopyReplacesTheDestination()
    {
        var store = With(Data);
        Run(store, "COPY :g TO DEFAULT");
        Assert.Equal([":a :p 1", ":a :p 1 :g", ":a :p 2 :h"], Dump(store));
        Run(store, "COPY DEFAULT TO :new");
        Assert.Equal([":a :p 1", ":a :p 1 :g", ":a :p 1 :new", ":a :p 2 :h"], Dump(store));
    }

    [Fact]
    public void MoveReplacesTheDestinationAndDropsTheSource()
    {
        var store = With(Data);
        Run(store, "MOVE :g TO :h");
        Assert.Equal([":a :p 0", ":a :p 1 :h"], Dump(store));
        Run(store, "MOVE DEFAULT TO :g");
        Assert.Equal([":a :p 0 :g", ":a :p 1 :h"], Dump(store));
    }

    [Theory]
    [InlineData("ADD :g TO :g")]
    [InlineData("COPY :g TO GRAPH :g")]
    [InlineData("MOVE DEFAULT TO DEFAULT")]
    [InlineData("MOVE :missing TO :missing")]
    public void SameSourceAndDestinationIsANoOp(string update)
    {
        var store = With(Data);
        Run(store, update);
        Assert.Equal(Dump(With(Data)), Dump(store));
    }
}
