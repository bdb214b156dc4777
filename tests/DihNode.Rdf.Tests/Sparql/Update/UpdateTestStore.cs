using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Update;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Tests.Sparql.Update;

/// <summary>Helpers: a dataset from N-Quads-like lines, update execution, and the dataset as sorted lines.</summary>
internal static class UpdateTestStore
{
    public const string Prologue = "PREFIX : <http://example.org/>\n";

    public static Iri I(string local) => Iri.FromTrusted("http://example.org/" + local);

    /// <summary>A store holding the quads of <paramref name="update"/> (an INSERT DATA body).</summary>
    public static MemoryDataset With(string insertData)
    {
        var store = new MemoryDataset();
        if (insertData.Length > 0) Run(store, "INSERT DATA { " + insertData + " }");
        return store;
    }

    public static UpdateSummary Run(MemoryDataset store, string update, UpdateOptions? options = null) =>
        UpdateExecutor.Execute(Prologue + update, store, options);

    /// <summary>Each quad as "s p o" or "s p o g" with example.org IRIs shortened to ":x" and blank nodes to "_", sorted.</summary>
    public static List<string> Dump(MemoryDataset store) =>
        [.. store.Quads().Select(q => string.Join(" ", new[] { q.Subject, q.Predicate, q.Object, q.Graph }
            .Where(t => t is not null).Select(t => Short(t!)))).Order(StringComparer.Ordinal)];

    private static string Short(Term t) => t switch
    {
        Iri i when i.Value.StartsWith("http://example.org/", StringComparison.Ordinal) => ":" + i.Value["http://example.org/".Length..],
        BlankNode => "_",
        Literal l => l.LexicalForm,
        _ => t.ToString(),
    };
}
