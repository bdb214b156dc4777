using DihNode.Rdf.Io;
using DihNode.Rdf.Store;
using DihNode.Vocab.Reference;

namespace DihNode.Vocab.Import;

/// <summary>The input formats of <c>dihnode import</c>.</summary>
public enum HubInputFormat
{
    /// <summary>The EDIH catalogue export (edih-catalogue-2025.csv).</summary>
    Edih2025,

    /// <summary>The JRC DIH tool snapshot (jrc-dih-tool-legacy-2022.csv).</summary>
    Jrc2022,

    /// <summary>The national-platform CSV template (CSV-TEMPLATE.md).</summary>
    Csv,

    /// <summary>Hub RDF in any syntax the parser reads (from the file extension).</summary>
    Rdf,
}

/// <summary>Reads one hub file in a <see cref="HubInputFormat"/> and writes it into a store (one transaction).</summary>
public static class HubImporter
{
    public static HubInputFormat? ParseFormat(string name) => name.ToLowerInvariant() switch
    {
        "edih2025" => HubInputFormat.Edih2025,
        "jrc2022" => HubInputFormat.Jrc2022,
        "csv" => HubInputFormat.Csv,
        "rdf" => HubInputFormat.Rdf,
        _ => null,
    };

    /// <summary>
    /// Reads <paramref name="input"/> into a batch. Throws <see cref="Csv.CsvFormatException"/> or
    /// <see cref="RdfSyntaxException"/> when the input cannot be read as a whole.
    /// </summary>
    public static HubBatch Read(Stream input, HubInputFormat format, ReferenceData reference, string sourceName, RdfFormat? rdfFormat = null) => format switch
    {
        HubInputFormat.Edih2025 => HubCsvFormat.Edih2025.Read(input, reference, sourceName),
        HubInputFormat.Jrc2022 => HubCsvFormat.Jrc2022.Read(input, reference, sourceName),
        HubInputFormat.Csv => HubCsvFormat.Template.Read(input, reference, sourceName),
        HubInputFormat.Rdf => HubRdfFormat.Read(input, rdfFormat ?? RdfFormats.FromFileName(sourceName)
                ?? throw new NotSupportedException($"cannot tell the RDF syntax of '{sourceName}' from its extension"),
            reference, new RdfParserOptions { SourceName = sourceName, BaseIri = new Uri(Path.GetFullPath(sourceName)).AbsoluteUri }),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Reads the file and writes it into <paramref name="store"/>.</summary>
    public static ImportReport Import(IRdfStore store, string path, HubInputFormat format, ReferenceData reference, bool strict, RdfFormat? rdfFormat = null)
    {
        HubBatch batch;
        using (var input = File.OpenRead(path)) batch = Read(input, format, reference, path, rdfFormat);
        return HubStoreWriter.Write(store, batch, reference, strict);
    }
}
