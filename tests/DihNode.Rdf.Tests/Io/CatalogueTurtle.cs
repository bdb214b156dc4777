using System.Globalization;
using System.Text;

namespace DihNode.Rdf.Tests.Io;

/// <summary>A benchmark-like catalogue as Turtle text, for round-trip tests (also compiled into the CLI tests).</summary>
internal static class CatalogueTurtle
{
    /// <summary>
    /// Turtle shaped like /work/shared/tools/bench/gen_catalogue.py's output: a concept scheme, then
    /// organisations with types, names in several languages, a country, subjects, a blank-node
    /// address, an issued date, a homepage, and some with members, counts and notes that need escaping.
    /// </summary>
    public static string Generate(int organisations)
    {
        string[] tags = ["artificial-intelligence", "machine-learning", "robotics", "data", "open-data", "cloud", "iot", "security", "manufacturing", "agrifood"];
        string[] countries = ["FRA", "DEU", "POL", "ITA", "ESP", "AUT", "CZE", "NLD"];
        string[] towns = ["Brno", "Graz", "Kraków", "Zürich", "Liège", "Málaga", "Gdańsk", "Turku"];
        string[] languages = ["de", "fr", "pl", "it", "de-AT", "es"];
        var ttl = new StringBuilder("""
            @prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
            @prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
            @prefix dct:  <http://purl.org/dc/terms/> .
            @prefix foaf: <http://xmlns.com/foaf/0.1/> .
            @prefix org:  <http://www.w3.org/ns/org#> .
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
            @prefix country: <http://publications.europa.eu/resource/authority/country/> .
            @prefix dih:  <https://dih.example.org/ns#> .
            @prefix tag:  <https://dih.example.org/tag/> .
            @prefix hub:  <https://dih.example.org/org/> .

            tag:scheme a skos:ConceptScheme ; skos:prefLabel "DIH technology and sector tags"@en .

            """);
        foreach (string tag in tags)
            ttl.Append(CultureInfo.InvariantCulture, $"tag:{tag} a skos:Concept ; skos:inScheme tag:scheme ; skos:prefLabel \"{tag.Replace('-', ' ')}\"@en .\n");
        var random = new Random(20261125);
        for (int i = 1; i <= organisations; i++)
        {
            ttl.Append(CultureInfo.InvariantCulture, $"hub:{i} a org:Organization{(i % 3 == 0 ? ", dih:DigitalInnovationHub" : "")} ;\n");
            ttl.Append(CultureInfo.InvariantCulture, $"    foaf:name \"Digital Hub {i}\"@en");
            if (i % 2 == 0) ttl.Append(CultureInfo.InvariantCulture, $", \"Hub Nummer {i}\"@{languages[i % languages.Length]}");
            ttl.Append(" ;\n");
            ttl.Append(CultureInfo.InvariantCulture, $"    dct:spatial country:{countries[random.Next(countries.Length)]} ;\n");
            int first = random.Next(tags.Length), second = (first + 1 + random.Next(tags.Length - 1)) % tags.Length;
            ttl.Append(CultureInfo.InvariantCulture, $"    dct:subject tag:{tags[first]}, tag:{tags[second]} ;\n");
            ttl.Append(CultureInfo.InvariantCulture,
                $"    vcard:hasAddress [ a vcard:Address ; vcard:locality \"{towns[random.Next(towns.Length)]}\" ; vcard:postal-code \"{random.Next(10000, 99999)}\" ] ;\n");
            var issued = new DateOnly(1980, 1, 1).AddDays(random.Next(16000));
            ttl.Append(CultureInfo.InvariantCulture, $"    dct:issued \"{issued:yyyy-MM-dd}\"^^xsd:date ;\n");
            if (i % 5 == 0) ttl.Append(CultureInfo.InvariantCulture, $"    dih:staff {random.Next(1, 400)} ; dih:rating {random.Next(0, 50)}.{random.Next(0, 10)} ; dih:active {(i % 10 == 0 ? "true" : "false")} ;\n");
            if (i % 7 == 0) ttl.Append(CultureInfo.InvariantCulture, $"    org:hasMember hub:{i - 1}, [ foaf:name \"Partner of {i}\" ] ;\n");
            if (i % 11 == 0) ttl.Append("    skos:note \"Says \\\"<&>\\\" and\\nspans lines; ends with a tab\\t\" ;\n");
            ttl.Append(CultureInfo.InvariantCulture, $"    foaf:homepage <https://org{i}.example.eu/> .\n");
        }
        return ttl.ToString();
    }
}
