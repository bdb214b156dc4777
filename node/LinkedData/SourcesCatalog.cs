using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Node.LinkedData;

/// <summary>
/// The default catalogue until the DCAT-AP catalogue builder is plugged in: <c>{base}/catalog</c> a
/// <c>dcat:Catalog</c> with a title and description, listing the source datasets of the sources graph
/// (with their statements there), <see cref="PageSize"/> datasets a page.
/// </summary>
internal sealed class SourcesCatalog(NodeStore store) : ICatalogSource
{
    public const int PageSize = 50;

    private static readonly Iri s_catalogClass = Iri.FromTrusted(Dcat + "Catalog");
    private static readonly Iri s_datasetProperty = Iri.FromTrusted(Dcat + "dataset");

    public CatalogPage? GetPage(int page, string publicUrl)
    {
        var snapshot = store.Rdf.Snapshot();
        var catalog = Iri.FromTrusted(store.Iris.Base + "/catalog");
        var datasets = new List<int>();
        int sources = 0;
        if (snapshot.TryGetId(store.Iris.SourcesGraph, out sources)
            && snapshot.TryGetId(Vocabulary.Rdf.Type, out int type) && snapshot.TryGetId(DcatTerms.Dataset, out int dataset))
        {
            var cursor = snapshot.Find(QuadPattern.InGraph(sources, 0, type, dataset));
            while (cursor.MoveNext()) datasets.Add(cursor.Current.S);
        }
        datasets.Sort((a, b) => string.CompareOrdinal(snapshot.GetTerm(a).ToString(), snapshot.GetTerm(b).ToString()));
        int last = Math.Max(1, (datasets.Count + PageSize - 1) / PageSize);
        if (page < 1 || page > last) return null;
        var triples = new List<Triple>
        {
            new(catalog, Vocabulary.Rdf.Type, s_catalogClass),
            new(catalog, DctTerms.Title, Literal.LangString("Digital Innovation Hubs", "en")),
            new(catalog, DctTerms.Description, Literal.LangString("The Digital Innovation Hubs this node publishes, and the sources they come from.", "en")),
        };
        foreach (int id in datasets.Skip((page - 1) * PageSize).Take(PageSize))
        {
            var ds = (NamedOrBlankNode)snapshot.GetTerm(id);
            triples.Add(new Triple(catalog, s_datasetProperty, ds));
            var cursor = snapshot.Find(QuadPattern.InGraph(sources, id));
            while (cursor.MoveNext())
                triples.Add(new Triple(ds, (Iri)snapshot.GetTerm(cursor.Current.P), snapshot.GetTerm(cursor.Current.O)));
        }
        return new CatalogPage(triples, page, last);
    }
}
