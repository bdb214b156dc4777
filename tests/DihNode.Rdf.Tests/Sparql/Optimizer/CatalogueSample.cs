using System.Text;
using DihNode.Rdf.Store;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Optimizer;

/// <summary>
/// A small catalogue in the shape of the benchmark's (tools/bench/gen_catalogue.py): organisations
/// with a type, a country (skewed), a name, tags, an address blank node, most with a homepage and
/// a founding date. Deterministic, so the plans chosen from its counts are stable.
/// </summary>
internal static class CatalogueSample
{
    private static readonly string[] Countries = ["DEU", "FRA", "ITA", "ESP", "POL", "NLD"];
    private static readonly string[] Tags = ["Machine Learning", "Robotics", "Cloud", "Security", "Blockchain", "Agriculture", "Health", "Energy"];

    public static MemoryDataset Load(int organisations = 300)
    {
        var random = new Random(42);
        var sb = new StringBuilder("""
            @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
            @prefix org: <http://www.w3.org/ns/org#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            @prefix vcard: <http://www.w3.org/2006/vcard/ns#> . @prefix country: <http://publications.europa.eu/resource/authority/country/> .
            @prefix tag: <https://dih.example.org/tag/> . @prefix hub: <https://dih.example.org/org/> .

            """);
        for (int t = 0; t < Tags.Length; t++) sb.Append($"tag:t{t} a skos:Concept ; skos:prefLabel \"{Tags[t]}\"@en .\n");
        for (int i = 0; i < organisations; i++)
        {
            string country = Countries[Math.Min(random.Next(Countries.Length) * random.Next(2), Countries.Length - 1)];
            sb.Append($"hub:{i} a org:Organization ; dct:spatial country:{country} ; foaf:name \"Org {i} {(i % 37 == 0 ? "Robotics Lab" : "Systems")}\"@en ;\n");
            foreach (int t in Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(Tags.Length)).Distinct())
                sb.Append($"  dct:subject tag:t{t} ;\n");
            if (random.Next(10) != 0) sb.Append($"  foaf:homepage <https://example.org/home/{i}> ;\n");
            sb.Append($"  dct:issued \"20{10 + random.Next(15)}-0{1 + random.Next(9)}-1{random.Next(10)}\"^^<http://www.w3.org/2001/XMLSchema#date> ;\n");
            sb.Append($"  vcard:hasAddress [ vcard:locality \"City {random.Next(50)}\" ; vcard:postal-code \"{10000 + random.Next(80000)}\" ] .\n");
        }
        // hub:4242 of Q5.
        sb.Append("hub:4242 a org:Organization ; foaf:name \"Target\"@en ; dct:subject tag:t0 , tag:t1 ; vcard:hasAddress [ vcard:locality \"Lyon\" ] .\n");
        return Evaluation.EvaluationFixture.Load(sb.ToString());
    }
}
