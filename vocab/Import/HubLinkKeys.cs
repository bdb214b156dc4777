using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab.Profile;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Vocab.Import;

/// <summary>
/// What the links graph knows of one hub in one hubs graph: its source (the graph and its
/// <c>dct:source</c>; 0 when it names none), its website host and its slugged name with its country.
/// Two hubs of different sources are the same hub when they share the host or the name key
/// (<see cref="HubStoreWriter.Relink(IStoreTransaction, ProfileIris, IReadOnlyList{Iri})"/>).
/// </summary>
internal readonly record struct HubLinkKeys((int Graph, int Source) Source, string? Host, string? NameKey)
{
    /// <summary>
    /// Reads the keys of hub <paramref name="hub"/> from graph <paramref name="graph"/>. With several values
    /// of one property, the last the cursor gives wins (the same rule for the full and the incremental relink).
    /// </summary>
    internal static HubLinkKeys Read(IQuadStore store, in Predicates predicates, int graph, int hub)
    {
        int source = 0;
        string? host = null, name = null, country = null;
        var c = store.Find(QuadPattern.InGraph(graph, hub));
        while (c.MoveNext())
        {
            int p = c.Current.P;
            if (p == predicates.Source) source = c.Current.O;
            else if (p == predicates.Homepage) { if (store.GetTerm(c.Current.O) is Iri page) host = Names.WebsiteHost(page.Value); }
            else if (p == predicates.PrefLabel) { if (store.GetTerm(c.Current.O) is Literal l) name = Names.Slug(l.LexicalForm); }
            else if (p == predicates.Spatial && store.GetTerm(c.Current.O) is Iri sp && sp.Value.StartsWith(CountryAuthority, StringComparison.Ordinal)) country = sp.Value;
        }
        return new HubLinkKeys((graph, source), host, name is null || country is null ? null : name + "|" + country);
    }

    /// <summary>The ids of the properties the keys come from (-1 when the store has never seen one: no quad holds it).</summary>
    internal readonly record struct Predicates(int Source, int Homepage, int PrefLabel, int Spatial)
    {
        public static Predicates Of(IQuadStore store) => new(Id(store, DctTerms.Source), Id(store, FoafTerms.Homepage), Id(store, SkosTerms.PrefLabel), Id(store, DctTerms.Spatial));

        private static int Id(IQuadStore store, Iri iri) => store.TryGetId(iri, out int id) ? id : -1;
    }
}
