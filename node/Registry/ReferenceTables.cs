using DihNode.Rdf.Model;
using DihNode.Vocab.Reference;
using Microsoft.EntityFrameworkCore;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Node.Registry;

/// <summary>Brings the registry's countries and concepts up to date with the reference vocabularies an import read.</summary>
internal static class ReferenceTables
{
    public static void Sync(RegistryDbContext context, ReferenceData reference)
    {
        var countries = context.Countries.ToDictionary(c => c.Iri, StringComparer.Ordinal);
        var names = new Dictionary<Iri, string>();
        foreach (var q in reference.CountryQuads)
            if (q.Predicate == SkosTerms.PrefLabel && q.Subject is Iri s && q.Object is Literal { Language: "en" } l) names[s] = l.LexicalForm;
        foreach (var (iri, name) in names)
        {
            if (!reference.IsCountry(iri)) continue;
            string code = reference.EuCode(iri) ?? iri.Value[(iri.Value.LastIndexOf('/') + 1)..];
            if (!countries.TryGetValue(iri.Value, out var row))
            {
                if (context.Countries.Local.Any(c => c.Code == code)) continue;
                context.Countries.Add(new Country { Code = code, Iri = iri.Value, Name = name });
            }
            else row.Name = name;
        }

        var concepts = context.Concepts.ToDictionary(c => c.Iri, StringComparer.Ordinal);
        var bySubject = reference.Schemes.Quads.Where(q => q.Subject is Iri).GroupBy(q => (Iri)q.Subject);
        string schemePrefix = reference.Iris.Base + "/scheme/";
        foreach (var group in bySubject)
        {
            if (!group.Any(q => q.Predicate == Vocabulary.Rdf.Type && q.Object == SkosTerms.Concept)) continue;
            var scheme = group.Where(q => q.Predicate == SkosTerms.InScheme).Select(q => q.Object).OfType<Iri>().FirstOrDefault();
            if (scheme is null || !scheme.Value.StartsWith(schemePrefix, StringComparison.Ordinal)) continue;
            string label = group.Where(q => q.Predicate == SkosTerms.PrefLabel).Select(q => q.Object).OfType<Literal>().Select(l => l.LexicalForm).FirstOrDefault() ?? "";
            string? notation = group.Where(q => q.Predicate == SkosTerms.Notation).Select(q => q.Object).OfType<Literal>().Select(l => l.LexicalForm).FirstOrDefault();
            if (!concepts.TryGetValue(group.Key.Value, out var row))
                context.Concepts.Add(new Concept { Iri = group.Key.Value, Scheme = scheme.Value[schemePrefix.Length..], Label = label, Notation = notation });
            else
            {
                row.Label = label;
                row.Notation = notation;
            }
        }
        context.SaveChanges();
    }
}
