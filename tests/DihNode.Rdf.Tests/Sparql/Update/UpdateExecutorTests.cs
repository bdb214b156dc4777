using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Sparql.Update;
using static DihNode.Rdf.Tests.Sparql.Update.UpdateTestStore;

namespace DihNode.Rdf.Tests.Sparql.Update;

/// <summary>SPARQL 1.1 Update §3.1: INSERT DATA, DELETE DATA, DELETE WHERE, DELETE/INSERT; requests as transactions.</summary>
public class UpdateExecutorTests
{
    [Fact]
    public void InsertDataAddsToDefaultAndNamedGraphs()
    {
        var store = With("");
        var summary = Run(store, "INSERT DATA { :a :p 1 . GRAPH :g { :a :p 2 } }");
        Assert.Equal([":a :p 1", ":a :p 2 :g"], Dump(store));
        Assert.Equal(new UpdateSummary(0, 2), summary);
        Assert.Equal(new UpdateSummary(0, 0), Run(store, "INSERT DATA { :a :p 1 }"));
    }

    [Fact]
    public void InsertDataBlankNodesAreNewEachTime()
    {
        var store = With("");
        Run(store, "INSERT DATA { _:x :p 1 . _:x :q 2 }");
        Run(store, "INSERT DATA { _:x :p 1 }");
        var subjects = store.Quads().Select(q => q.Subject).ToList();
        Assert.Equal(3, subjects.Count);
        Assert.Equal(2, subjects.Distinct().Count());
        // One label in one operation is one node.
        Assert.Single(store.Quads().Where(q => q.Predicate == I("q")).Select(q => q.Subject)
            .Intersect(store.Quads().Where(q => q.Predicate == I("p")).Select(q => q.Subject)));
    }

    [Fact]
    public void DeleteDataRemovesWhatIsThereAndIgnoresTheRest()
    {
        var store = With(":a :p 1 . :a :p 2 . GRAPH :g { :a :p 1 }");
        var summary = Run(store, "DELETE DATA { :a :p 1 . :a :p 3 . :unknown :p 1 . GRAPH :g { :a :p 1 } }");
        Assert.Equal([":a :p 2"], Dump(store));
        Assert.Equal(2, summary.QuadsRemoved);
    }

    [Fact]
    public void DeleteWhereRemovesEveryMatch()
    {
        var store = With(":a :p 1 . :b :p 2 . :a :q 3 . GRAPH :g { :a :p 4 . :a :r :x }");
        Run(store, "DELETE WHERE { ?s :p ?o . GRAPH :g { ?s ?q ?x } }");
        // ?s = :a only (the default graph and :g must both match); in :g every triple of :a goes.
        Assert.Equal([":a :q 3", ":b :p 2"], Dump(store));
    }

    [Fact]
    public void ModifyDeletesBeforeInsertingWithOneEvaluationOfWhere()
    {
        var store = With(":a :n 1 . :b :n 5");
        Run(store, "DELETE { ?s :n ?o } INSERT { ?s :n ?m } WHERE { ?s :n ?o BIND(?o + 1 AS ?m) }");
        Assert.Equal([":a :n 2", ":b :n 6"], Dump(store));
        // A quad both deleted and inserted stays.
        Run(store, "DELETE { ?s :n ?o } INSERT { ?s :n ?o } WHERE { ?s :n ?o }");
        Assert.Equal([":a :n 2", ":b :n 6"], Dump(store));
    }

    [Fact]
    public void TemplatesSkipIllFormedAndUnboundInstances()
    {
        var store = With(":a :p \"lit\" . :b :p :c");
        Run(store, "INSERT { ?o :q ?s . ?s :r ?missing . ?s :ok ?o } WHERE { ?s :p ?o }");
        Assert.Equal([":a :ok lit", ":a :p lit", ":b :ok :c", ":b :p :c", ":c :q :b"], Dump(store));
    }

    [Fact]
    public void InsertTemplateBlankNodesAreNewPerSolution()
    {
        var store = With(":a :p 1 . :b :p 2");
        Run(store, "INSERT { _:n :of ?s . _:n :tag \"x\" } WHERE { ?s :p ?o }");
        var nodes = store.Quads().Where(q => q.Predicate == I("of")).Select(q => q.Subject).ToList();
        Assert.Equal(2, nodes.Distinct().Count());
        Assert.All(nodes, n => Assert.IsType<BlankNode>(n));
        Assert.Equal(2, store.Quads().Count(q => q.Predicate == I("tag")));
    }

    [Fact]
    public void WithNamesTheGraphOfTemplatesAndWhere()
    {
        var store = With(":a :p 1 . GRAPH :g { :a :p 2 } GRAPH :h { :a :p 3 }");
        Run(store, "WITH :g DELETE { ?s :p ?o } INSERT { ?s :q ?o . GRAPH :h { ?s :r ?o } } WHERE { ?s :p ?o . GRAPH :h { ?s :p ?z } }");
        Assert.Equal([":a :p 1", ":a :p 3 :h", ":a :q 2 :g", ":a :r 2 :h"], Dump(store));
    }

    [Fact]
    public void UsingAndUsingNamedMakeTheDatasetOfWhere()
    {
        var store = With(":a :p 1 . GRAPH :g { :a :p 2 } GRAPH :h { :a :p 3 }");
        Run(store, "INSERT { ?s :fromUsing ?o } USING :g WHERE { ?s :p ?o }");
        Assert.Contains(":a :fromUsing 2", Dump(store));
        Assert.DoesNotContain(":a :fromUsing 1", Dump(store));

        Run(store, "INSERT { ?s :named ?o } USING NAMED :h WHERE { GRAPH ?g { ?s :p ?o } }");
        Assert.Equal([":a :named 3"], Dump(store).Where(l => l.Contains(":named")));

        // USING overrides WITH for the WHERE clause; WITH still names the template's graph.
        Run(store, "WITH :h INSERT { ?s :w ?o } USING :g WHERE { ?s :p ?o }");
        Assert.Equal([":a :w 2 :h"], Dump(store).Where(l => l.Contains(":w")));
    }

    [Fact]
    public void OperationsSeeTheEffectsOfTheOnesBefore()
    {
        var store = With("");
        Run(store, "INSERT DATA { :a :p 1 } ; INSERT { :b :q ?o } WHERE { :a :p ?o } ; DELETE DATA { :a :p 1 }");
        Assert.Equal([":b :q 1"], Dump(store));
    }

    [Fact]
    public void AFailingOperationRollsBackTheWholeRequest()
    {
        var store = With(":keep :p 1");
        var e = Assert.Throws<UpdateExecutionException>(() =>
            Run(store, "INSERT DATA { :a :p 1 } ; DELETE WHERE { :keep ?p ?o } ; CLEAR GRAPH :missing"));
        Assert.Equal(2, e.OperationIndex);
        Assert.Contains("does not exist", e.Message);
        Assert.Equal([":keep :p 1"], Dump(store));
    }

    [Fact]
    public void CancellationChangesNothing()
    {
        var store = With(":keep :p 1");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Run(store, "INSERT DATA { :a :p 1 }", new UpdateOptions { CancellationToken = cancel.Token }));
        Assert.Equal([":keep :p 1"], Dump(store));
    }

    [Fact]
    public void ATimeoutChangesNothing()
    {
        var store = With(":keep :p 1");
        Assert.Throws<DihNode.Rdf.Sparql.Evaluation.QueryTimeoutException>(() =>
            Run(store, "INSERT DATA { :a :p 1 } ; INSERT DATA { :b :p 1 }", new UpdateOptions { Timeout = TimeSpan.FromTicks(1) }));
        Assert.Equal([":keep :p 1"], Dump(store));
    }

    [Fact]
    public void MalformedRequestsAreSyntaxErrorsWithPositions()
    {
        var store = With(":keep :p 1");
        var e = Assert.Throws<SparqlSyntaxException>(() => Run(store, "INSERT DATA { :a :p 1 } ;\nDELET DATA { }"));
        Assert.Equal(3, e.Line);
        Assert.Equal([":keep :p 1"], Dump(store));
    }
}
