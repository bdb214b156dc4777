using System.Text;
using DihNode.Rdf.Sparql.Evaluation;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

public class LimitTests
{
    private static string Chain(int n)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.Append($":n{i} :p :n{i + 1} .\n");
        return sb.ToString();
    }

    [Fact]
    public void Timeout_stops_a_long_query()
    {
        // A cross product of 300^3 rows takes far longer than 50 ms.
        var error = Assert.Throws<QueryTimeoutException>(() =>
            Rows(Chain(300), "SELECT * WHERE { ?a :p ?b . ?c :p ?d . ?e :p ?f }", new QueryOptions { Timeout = TimeSpan.FromMilliseconds(50) }));
        Assert.Contains("50 ms", error.Message);
    }

    [Fact]
    public void Row_cap_stops_materialising_operators()
    {
        var options = new QueryOptions { MaxIntermediateRows = 100 };
        var error = Assert.Throws<QueryLimitException>(() => Rows(Chain(300), "SELECT ?a WHERE { ?a :p ?b } ORDER BY ?a", options));
        Assert.Equal(100, error.Limit);
        // Streaming operators hold nothing, so the cap does not apply to them.
        Assert.Equal(300, Rows(Chain(300), "SELECT ?a WHERE { ?a :p ?b }", options).Count);
    }

    [Fact]
    public void Cancellation_is_observed()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Rows(Chain(10), "SELECT * WHERE { ?a :p ?b }", new QueryOptions { CancellationToken = cts.Token }));
    }

    [Fact]
    public void Results_stream_lazily()
    {
        var result = (SelectResult)Execute(Chain(300), "SELECT * WHERE { ?a :p ?b . ?c :p ?d . ?e :p ?f }",
            new QueryOptions { MaxIntermediateRows = 10 });
        Assert.Equal(5, result.Rows.Take(5).Count());
    }
}
