using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Tests.Sparql.Syntax;

/// <summary>SPARQL 1.1 Update request syntax (Update §3).</summary>
public class UpdateParserTests
{
    [Fact]
    public void SeveralOperationsWithPrologueBetween()
    {
        UpdateRequest r = SparqlParser.ParseUpdate("""
            PREFIX : <http://e/>
            INSERT DATA { :a :p "x" . GRAPH :g { :a :p _:b } } ;
            BASE <http://base/>
            PREFIX q: <rel/>
            DELETE DATA { q:a :p 1 } ;
            LOAD SILENT <doc.ttl> INTO GRAPH <g2> ;
            CLEAR SILENT ALL ; DROP NAMED ; CREATE GRAPH :new ;
            COPY DEFAULT TO :g ; MOVE SILENT GRAPH :g TO DEFAULT ; ADD :x TO :y ;
            """);
        Assert.Equal(9, r.Operations.Count);
        var insert = Assert.IsType<InsertDataOperation>(r.Operations[0]);
        Assert.Equal(2, insert.Quads.Count);
        Assert.Null(insert.Quads[0].Graph);
        Assert.Equal("<http://e/g>", insert.Quads[1].Graph!.ToString());
        var delete = Assert.IsType<DeleteDataOperation>(r.Operations[1]);
        Assert.Equal("<http://base/rel/a>", delete.Quads[0].Subject.ToString());
        var load = Assert.IsType<LoadOperation>(r.Operations[2]);
        Assert.True(load.Silent);
        Assert.Equal("http://base/doc.ttl", load.Source.Value);
        Assert.Equal("http://base/g2", load.Into!.Value);
        Assert.Equal(GraphTargetKind.All, Assert.IsType<ClearOperation>(r.Operations[3]).Target.Kind);
        Assert.Equal(GraphTargetKind.Named, Assert.IsType<DropOperation>(r.Operations[4]).Target.Kind);
        Assert.Equal("http://e/new", Assert.IsType<CreateOperation>(r.Operations[5]).Graph.Value);
        var copy = Assert.IsType<TransferOperation>(r.Operations[6]);
        Assert.Equal((TransferKind.Copy, GraphTargetKind.Default, GraphTargetKind.Graph), (copy.Kind, copy.From.Kind, copy.To.Kind));
        var move = Assert.IsType<TransferOperation>(r.Operations[7]);
        Assert.True(move.Silent);
        Assert.Equal(TransferKind.Add, Assert.IsType<TransferOperation>(r.Operations[8]).Kind);
    }

    [Fact]
    public void ModifyWithUsingAndWith()
    {
        UpdateRequest r = SparqlParser.ParseUpdate("""
            PREFIX : <http://e/>
            WITH :g DELETE { ?s :p ?o } INSERT { GRAPH ?g2 { ?s :q [] } } USING :d1 USING NAMED :d2 WHERE { ?s :p ?o . GRAPH ?g2 { } }
            """);
        var m = Assert.IsType<ModifyOperation>(Assert.Single(r.Operations));
        Assert.Equal("http://e/g", m.With!.Value);
        Assert.Single(m.Delete!);
        Assert.Equal(new Variable("g2"), Assert.Single(m.Insert!).Graph);
        Assert.Equal("http://e/d1", Assert.Single(m.Using).Value);
        Assert.Equal("http://e/d2", Assert.Single(m.UsingNamed).Value);
    }

    [Fact]
    public void DeleteWhereAndInsertOnly()
    {
        UpdateRequest r = SparqlParser.ParseUpdate("DELETE WHERE { ?s <http://e/p> ?o } ; INSERT { ?s <http://e/q> 1 } WHERE { ?s ?p ?o }");
        Assert.IsType<DeleteWhereOperation>(r.Operations[0]);
        var m = Assert.IsType<ModifyOperation>(r.Operations[1]);
        Assert.Null(m.Delete);
        Assert.NotNull(m.Insert);
    }

    [Fact]
    public void EmptyRequestIsValid()
    {
        Assert.Empty(SparqlParser.ParseUpdate("").Operations);
        Assert.Empty(SparqlParser.ParseUpdate("PREFIX : <http://e/>").Operations);
    }
}
