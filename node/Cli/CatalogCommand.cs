using DihNode.Rdf.Io;
using DihNode.Vocab;
using DihNode.Vocab.Catalog;
using DihNode.Vocab.Profile;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode catalog --db FILE OUT [--base-iri IRI] [--format FMT] [--title TEXT] [--publisher NAME]</c>:
/// writes the node's DCAT-AP 3.0.1 catalogue (vocab/Catalog) built from one snapshot of the store, in the
/// syntax of OUT's extension (or <c>--format</c>; <c>-</c> is standard output). Never creates a store.
/// </summary>
internal static class CatalogCommand
{
    public const string Synopsis = "catalog --db FILE OUT [--base-iri IRI] [--format FMT] [--title TEXT] [--publisher NAME]";

    public static int Run(CliArguments args)
    {
        string db = args.Option("db") ?? throw new CliUsageException("--db FILE is required");
        string baseIri = args.Option("base-iri") ?? ProfileIris.DefaultBase;
        string? formatName = args.Option("format"), title = args.Option("title"), publisher = args.Option("publisher");
        args.Expect(1);
        string output = args.Positional[0];
        var format = RdfInput.ResolveFormat(output, formatName, "format");
        ProfileIris iris;
        try { iris = new ProfileIris(baseIri); }
        catch (FormatException e) { throw new CliUsageException("--base-iri: " + e.Message); }
        var defaults = new CatalogOptions(iris);
        var options = new CatalogOptions(iris) { Title = title ?? defaults.Title, PublisherName = publisher ?? defaults.PublisherName };

        IReadOnlyList<SourceDataset> datasets;
        if (!File.Exists(db)) throw new CliUsageException($"no such store '{db}'");
        using (var store = StoreFiles.OpenForReading(db))
            datasets = SourceDataset.Read(store.Snapshot(), iris);
        var quads = CatalogBuilder.Build(datasets, options);
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dcat"] = Namespaces.Dcat, ["dct"] = Namespaces.Dct, ["foaf"] = Namespaces.Foaf, ["skos"] = Namespaces.Skos,
            ["rdfs"] = DcatAp.Rdfs, ["xsd"] = DihNode.Rdf.Model.Vocabulary.Xsd.Namespace,
        };
        if (!RdfOutput.TryWrite(output, format, quads, "catalog", new RdfWriterOptions { Prefixes = prefixes })) return CommandLine.Invalid;
        Console.Error.WriteLine($"{datasets.Count} datasets ({datasets.Sum(d => d.HubCount)} hubs), {quads.Count} statements");
        return CommandLine.Ok;
    }
}
