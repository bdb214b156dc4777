using System.Diagnostics;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Tests.Model;

public class IsomorphismLargeTests
{
    private static List<Quad> GroundDataset(int n, int seed)
    {
        var list = new List<Quad>(n);
        for (int i = 0; i < n; i++)
        {
            var s = Iri.Create("http://example.org/s" + (i % 1000));
            var p = Iri.Create("http://example.org/p" + (i % 7));
            Term o = i % 3 == 0 ? Literal.Typed(i.ToString(), Vocabulary.Xsd.Integer) : Iri.Create("http://example.org/o" + i);
            var g = i % 5 == 0 ? null : Iri.Create("http://example.org/g" + (i % 4));
            list.Add(new Quad(s, p, o, g));
        }
        var rnd = new Random(seed);
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = rnd.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    [Fact]
    public void LargeGroundDatasetsCompareAsSets()
    {
        var a = GroundDataset(200_000, 1);
        var b = GroundDataset(200_000, 2);
        var watch = Stopwatch.StartNew();
        Assert.True(Isomorphism.AreIsomorphic(a, b));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");

        b[12345] = new Quad(b[12345].Subject, b[12345].Predicate, Literal.Simple("changed"), b[12345].Graph);
        Assert.False(Isomorphism.AreIsomorphic(a, b));
        string? why = Isomorphism.DescribeDifference(a, b);
        Assert.NotNull(why);
        Assert.Contains("\"changed\"", why);
    }

    [Fact]
    public void LargeTreeOfBlankNodesIsMatchedByRefinementAlone()
    {
        // A binary tree of 2^14 - 1 blank nodes with leaf labels: refinement separates all but the
        // mirror-symmetric subtrees, which the search resolves.
        var quads = new List<Quad>();
        var left = Iri.Create("http://example.org/left");
        var right = Iri.Create("http://example.org/right");
        var value = Iri.Create("http://example.org/value");
        int count = (1 << 14) - 1;
        for (int i = 0; i < count; i++)
        {
            var node = new BlankNode("t" + i);
            if (2 * i + 2 < count)
            {
                quads.Add(new Quad(node, left, new BlankNode("t" + (2 * i + 1)), null));
                quads.Add(new Quad(node, right, new BlankNode("t" + (2 * i + 2)), null));
            }
            else
            {
                quads.Add(new Quad(node, value, Literal.Simple((i % 3).ToString()), null));
            }
        }
        var relabelled = quads.Select(q => new Quad(
            new BlankNode("x" + ((BlankNode)q.Subject).Label), q.Predicate,
            q.Object is BlankNode b ? new BlankNode("x" + b.Label) : q.Object, null)).Reverse().ToList();
        Assert.True(Isomorphism.AreIsomorphic(quads, relabelled));
        relabelled[0] = new Quad(relabelled[0].Subject, relabelled[0].Predicate, Literal.Simple("9"), null);
        Assert.False(Isomorphism.AreIsomorphic(quads, relabelled));
    }
}
