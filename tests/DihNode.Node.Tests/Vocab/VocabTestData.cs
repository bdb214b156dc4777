using System.Text;
using DihNode.Node.Tests.Cli;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;

namespace DihNode.Node.Tests.Vocab;

/// <summary>The reference data from the shared folder, read once; helpers to import into a memory store.</summary>
internal static class VocabTestData
{
    private static readonly Lazy<ReferenceData> s_reference = new(() =>
        ReferenceData.Load(DataDirectory, new ProfileIris(ProfileIris.DefaultBase)));

    public static string DataDirectory => Path.Combine(CliTestHost.SharedRoot(), "data");

    public static ReferenceData Reference => s_reference.Value;

    public const string TemplateHeader = "id,name,title,type,country,street,postcode,city,website,description,sectors,services,technologies";

    public static HubBatch ReadTemplate(string csv) =>
        HubCsvFormat.Template.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Reference, "test.csv");

    public static ImportReport ImportTemplate(IRdfStore store, string csv, bool strict = false) =>
        HubStoreWriter.Write(store, ReadTemplate(csv), Reference, strict);

    /// <summary>The statements of the hubs graph, as triples.</summary>
    public static List<Triple> HubsGraph(IRdfStore store) => Graph(store, Reference.Iris.HubsGraph);

    public static List<Triple> Graph(IRdfStore store, Iri graph)
    {
        var snapshot = store.Snapshot();
        if (!snapshot.TryGetId(graph, out int g)) return [];
        var result = new List<Triple>();
        var cursor = snapshot.Find(QuadPattern.InGraph(g));
        while (cursor.MoveNext())
        {
            var q = cursor.Current;
            result.Add(new Triple((NamedOrBlankNode)snapshot.GetTerm(q.S), (Iri)snapshot.GetTerm(q.P), snapshot.GetTerm(q.O)));
        }
        return result;
    }

    public static Iri Hub(string source, string key) => Reference.Iris.Hub(source, key);
}
