using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Node.Sparql;

/// <summary>The VoID statistics of one graph (https://www.w3.org/TR/void/#statistics).</summary>
internal sealed record GraphStatistics(long Triples, long Classes, long Properties, long DistinctSubjects, long DistinctObjects);

/// <summary>
/// Counts what a VoID description states: triples, classes (distinct objects of rdf:type), properties,
/// distinct subjects and objects, for the stored default graph, each named graph, and their union
/// (the query default graph of this node). One pass over the snapshot.
/// </summary>
internal static class VoidStatistics
{
    public sealed record Result(GraphStatistics Union, GraphStatistics StoredDefault, IReadOnlyList<(Iri Graph, GraphStatistics Statistics)> NamedGraphs);

    public static Result Compute(IQuadStore snapshot)
    {
        int type = snapshot.TryGetId(Vocabulary.Rdf.Type, out int t) ? t : -1;
        var union = new Counter(type, distinctTriples: true);
        GraphStatistics stored = Count(snapshot, TermIds.DefaultGraph, type, union);
        var named = new List<(Iri, GraphStatistics)>();
        foreach (int g in snapshot.GraphNameIds())
            if (snapshot.GetTerm(g) is Iri name) named.Add((name, Count(snapshot, g, type, union)));
        named.Sort((a, b) => string.CompareOrdinal(a.Item1.Value, b.Item1.Value));
        return new Result(union.Statistics(), stored, named);
    }

    private static GraphStatistics Count(IQuadStore snapshot, int graph, int type, Counter union)
    {
        var counter = new Counter(type, distinctTriples: false);
        foreach (EncodedQuad q in snapshot.Find(QuadPattern.InGraph(graph)))
        {
            counter.Add(q);
            union.Add(q);
        }
        return counter.Statistics();
    }

    private sealed class Counter(int type, bool distinctTriples)
    {
        private readonly HashSet<int> _classes = [];
        private readonly HashSet<int> _properties = [];
        private readonly HashSet<int> _subjects = [];
        private readonly HashSet<int> _objects = [];
        private readonly HashSet<(int, int, int)>? _triples = distinctTriples ? [] : null;
        private long _count;

        public void Add(in EncodedQuad q)
        {
            if (_triples is not null && !_triples.Add((q.S, q.P, q.O))) return;
            _count++;
            _subjects.Add(q.S);
            _properties.Add(q.P);
            _objects.Add(q.O);
            if (q.P == type) _classes.Add(q.O);
        }

        public GraphStatistics Statistics() => new(_count, _classes.Count, _properties.Count, _subjects.Count, _objects.Count);
    }
}
