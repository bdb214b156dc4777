using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Node.Tests.Vocab;

/// <summary>
/// <see cref="CrossSourceLinks"/> against <see cref="HubStoreWriter.Relink(IStoreTransaction, ProfileIris, IReadOnlyList{Iri})"/>:
/// random inserts, updates and deletes of hubs over several hubs graphs, with keys chosen from small pools so
/// that hubs collide by host, by name + country, by source and across graphs; after every step the links
/// graph the incremental update left must equal the one a full relink builds from the same hubs.
/// </summary>
public sealed class IncrementalRelinkTests
{
    private static readonly ProfileIris Iris = new(ProfileIris.DefaultBase);
    private static readonly Iri[] Graphs = [Iris.HubsGraph, G("peer/at"), G("peer/si"), G("peer/eu")];
    private static readonly Iri[] Hubs = [.. Enumerable.Range(0, 14).Select(i => Iri.FromTrusted($"http://example.org/hub/{i}"))];
    private static readonly string[] Pages = ["http://www.alpha.eu/", "https://alpha.eu/about", "http://beta.eu", "https://gamma.eu/x", "https://WWW.Beta.eu/y", "not a url"];
    private static readonly string[] Labels = ["Alpha Hub", "alpha-hub", "ALPHA  hub!", "Beta", "Gamma Hub"];
    private static readonly string[] Places = [CountryAuthority + "AUT", CountryAuthority + "SVN", "http://data.europa.eu/nuts/code/AT13"];
    private static readonly Iri[] Sources = [Iri.FromTrusted("http://example.org/source/csv"), Iri.FromTrusted("http://example.org/source/jrc")];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomWritesKeepTheLinksOfAFullRelink(int seed)
    {
        var random = new Random(seed);
        using var store = new MemoryDataset();
        var links = new CrossSourceLinks();
        int rebuilds = 0, linked = 0;
        bool known = false;
        for (int step = 0; step < 400; step++)
        {
            bool rollback = random.Next(25) == 0;
            using (var tx = store.BeginWrite())
            {
                var touched = new HashSet<(int Graph, int Subject)>();
                for (int n = random.Next(1, 4); n > 0; n--)
                {
                    var graph = Graphs[random.Next(Graphs.Length)];
                    var hub = Hubs[random.Next(Hubs.Length)];
                    int g = tx.GetOrAddId(graph);
                    if (random.Next(4) == 0) HubStoreWriter.RemoveHub(tx, g, hub, touched);
                    else HubStoreWriter.WriteHub(tx, g, Describe(random, hub), touched);
                }
                links.Update(tx, Iris, Graphs, touched);
                if (!known) rebuilds++;
                known = !rollback;
                if (rollback) links.Invalidate();
                else tx.Commit();
            }
            var (incremental, full) = (LinkGraph(store), FullRelink(store));
            Assert.True(full.SetEquals(incremental), $"seed {seed}, step {step}: incremental links {Show(store, incremental)} but a full relink gives {Show(store, full)}");
            linked = Math.Max(linked, full.Count);
        }
        Assert.True(linked >= 6, $"seed {seed}: the pools should make links; at most {linked} link statements");
        Assert.Equal(rebuilds, links.FullRebuilds); // on first use and after each rollback only
    }

    [Fact]
    public void AWriteTheIndexDidNotSeeMakesTheNextUpdateRebuildInFull()
    {
        var random = new Random(7);
        using var store = new MemoryDataset();
        var links = new CrossSourceLinks();
        using (var tx = store.BeginWrite())
        {
            var touched = new HashSet<(int Graph, int Subject)>();
            foreach (var hub in Hubs[..6]) HubStoreWriter.WriteHub(tx, tx.GetOrAddId(Graphs[0]), Hub(hub, "https://alpha.eu/", "Alpha", Sources[0]), touched);
            links.Update(tx, Iris, Graphs, touched);
            tx.Commit();
        }
        using (var tx = store.BeginWrite())
        {
            // Bypasses the index: a new hub in a peer graph, with the same host.
            HubStoreWriter.WriteHub(tx, tx.GetOrAddId(Graphs[1]), Hub(Hubs[6], "http://www.alpha.eu/x", "Other", Sources[0]));
            tx.Commit();
        }
        using (var tx = store.BeginWrite())
        {
            var touched = new HashSet<(int Graph, int Subject)>();
            HubStoreWriter.WriteHub(tx, tx.GetOrAddId(Graphs[2]), Describe(random, Hubs[7]), touched);
            links.Update(tx, Iris, Graphs, touched);
            tx.Commit();
        }
        Assert.Equal(2, links.FullRebuilds);
        var full = FullRelink(store);
        Assert.True(full.SetEquals(LinkGraph(store)));
        Assert.Contains(full, l => l.S == Id(store, Hubs[6]) && l.O == Id(store, Hubs[0]));
    }

    [Fact]
    public void AnUpdateRelinksOnlyTheTouchedHubsAndTheirPartners()
    {
        using var store = new MemoryDataset();
        var links = new CrossSourceLinks();
        void Write(Iri graph, HubDescription hub)
        {
            using var tx = store.BeginWrite();
            var touched = new HashSet<(int Graph, int Subject)>();
            HubStoreWriter.WriteHub(tx, tx.GetOrAddId(graph), hub, touched);
            links.Update(tx, Iris, Graphs, touched);
            tx.Commit();
        }
        Write(Graphs[0], Hub(Hubs[0], "https://alpha.eu/", "Alpha", Sources[0]));
        Write(Graphs[1], Hub(Hubs[1], "http://www.alpha.eu/", "Beta", Sources[0]));
        Write(Graphs[1], Hub(Hubs[2], "https://gamma.eu/", "Beta", Sources[1]));
        var before = LinkGraph(store);
        Assert.Equal(2, before.Count); // 0 ~ 1 by host, both ways; no name key without a country
        // Moving hub 1 to another website drops its host link and keeps nothing else.
        Write(Graphs[1], Hub(Hubs[1], "https://delta.eu/", "Beta", Sources[0]));
        Assert.Empty(LinkGraph(store));
        Assert.Equal(1, links.FullRebuilds);
    }

    private static HubDescription Describe(Random random, Iri hub)
    {
        var triples = new List<Triple>();
        if (random.Next(8) != 0) triples.Add(new Triple(hub, Vocabulary.Rdf.Type, DihTerms.Hub));
        for (int n = random.Next(3); n > 0; n--) triples.Add(new Triple(hub, FoafTerms.Homepage, Iri.FromTrusted(Pages[random.Next(Pages.Length - 1)])));
        if (random.Next(6) == 0) triples.Add(new Triple(hub, FoafTerms.Homepage, Literal.Simple(Pages[^1])));
        for (int n = random.Next(3); n > 0; n--)
            triples.Add(new Triple(hub, SkosTerms.PrefLabel, random.Next(2) == 0 ? Literal.Simple(Labels[random.Next(Labels.Length)]) : Literal.LangString(Labels[random.Next(Labels.Length)], "en")));
        for (int n = random.Next(3); n > 0; n--) triples.Add(new Triple(hub, DctTerms.Spatial, Iri.FromTrusted(Places[random.Next(Places.Length)])));
        if (random.Next(4) != 0) triples.Add(new Triple(hub, DctTerms.Source, Sources[random.Next(Sources.Length)]));
        // A part: a blank node address and a {hub}/… contact, as the profile's descriptions have.
        var address = new BlankNode("address" + random.Next(1000));
        triples.Add(new Triple(hub, Iri.FromTrusted("http://www.w3.org/ns/locn#address"), address));
        triples.Add(new Triple(address, Iri.FromTrusted("http://www.w3.org/ns/locn#postName"), Literal.Simple("Graz")));
        var contact = Iri.FromTrusted(hub.Value + "/contact");
        triples.Add(new Triple(hub, Iri.FromTrusted("http://www.w3.org/ns/dcat#contactPoint"), contact));
        triples.Add(new Triple(contact, FoafTerms.Homepage, Iri.FromTrusted(Pages[random.Next(Pages.Length - 1)])));
        return new HubDescription(hub, triples, 0, 0);
    }

    private static HubDescription Hub(Iri hub, string page, string label, Iri source) => new(hub,
    [
        new Triple(hub, Vocabulary.Rdf.Type, DihTerms.Hub),
        new Triple(hub, FoafTerms.Homepage, Iri.FromTrusted(page)),
        new Triple(hub, SkosTerms.PrefLabel, Literal.Simple(label)),
        new Triple(hub, DctTerms.Source, source),
    ], 0, 0);

    private static Iri G(string name) => Iri.FromTrusted(Iris.Base + "/graph/" + name);

    private static int Id(IRdfStore store, Iri iri) => store.Snapshot().TryGetId(iri, out int id) ? id : -1;

    /// <summary>The links graph as committed.</summary>
    private static HashSet<EncodedQuad> LinkGraph(IRdfStore store) => Quads(store.Snapshot(), Iris.LinksGraph);

    /// <summary>The links graph a full relink builds from the committed hubs (in a transaction rolled back).</summary>
    private static HashSet<EncodedQuad> FullRelink(IRdfStore store)
    {
        using var tx = store.BeginWrite();
        HubStoreWriter.Relink(tx, Iris, Graphs);
        return Quads(tx, Iris.LinksGraph);
    }

    private static HashSet<EncodedQuad> Quads(IQuadStore store, Iri graph)
    {
        var result = new HashSet<EncodedQuad>();
        if (!store.TryGetId(graph, out int g)) return result;
        var cursor = store.Find(QuadPattern.InGraph(g));
        while (cursor.MoveNext()) result.Add(cursor.Current);
        return result;
    }

    private static string Show(IRdfStore store, HashSet<EncodedQuad> quads)
    {
        var snapshot = store.Snapshot();
        return "[" + string.Join(", ", quads.Select(q => $"{Short(snapshot.GetTerm(q.S))}~{Short(snapshot.GetTerm(q.O))}").Order()) + "]";
        static string Short(Term t) => t is Iri i ? i.Value[(i.Value.LastIndexOf('/') + 1)..] : t.ToString() ?? "";
    }
}
