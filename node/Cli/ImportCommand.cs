using System.Diagnostics;
using DihNode.Rdf.Io;
using DihNode.Node.Registry;
using DihNode.Vocab.Csv;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode import --db FILE --format edih2025|jrc2022|csv|rdf [--strict] [--sync] [--batch N] [--base-iri IRI]
/// [--reference DIR] FILE</c>: imports hubs into a node's registry (created when missing) in one transaction,
/// or with <c>--batch N</c> in transactions of N hubs in file order, each acknowledged on standard output as
/// <c>committed batch K: hubs A-B</c> once it is durable (a killed import keeps whole batches only, and
/// running it again resumes: the batches already in are unchanged);
/// with the reference vocabularies (concept schemes, countries, NUTS) read from DIR (default: the shared
/// data folder, <c>$DIHNODE_SHARED/data</c> or <c>../shared/data</c> beside the repository).
/// Prints <c>imported N, updated N, unchanged N, rejected N</c> and each rejected row with its column and
/// reason. Exit 0 when every row went in, 1 when rows were rejected (with <c>--strict</c>: nothing
/// written) or the file cannot be read at all (nothing written, the store unchanged), or when another process
/// held the registry's write lock for longer than <c>--lock-wait SECONDS</c> (default 10; nothing of that
/// transaction written), 2 for usage errors.
/// </summary>
internal static class ImportCommand
{
    public const string Synopsis = "import --db FILE --format edih2025|jrc2022|csv|rdf [--strict] [--sync] [--batch N] [--base-iri IRI] [--reference DIR]\n"
        + "        [--lock-wait SECONDS] FILE";

    public static int Run(CliArguments args)
    {
        string db = args.Option("db") ?? throw new CliUsageException("--db FILE is required");
        string formatName = args.Option("format") ?? throw new CliUsageException("--format is required (edih2025, jrc2022, csv or rdf)");
        var format = HubImporter.ParseFormat(formatName) ?? throw new CliUsageException($"unknown format '{formatName}' (edih2025, jrc2022, csv or rdf)");
        bool strict = args.Flag("strict");
        bool sync = args.Flag("sync");
        string? baseIri = args.Option("base-iri");
        string? referenceDir = args.Option("reference");
        TimeSpan lockWait = args.Seconds("lock-wait", HubRegistry.MaxLockWait) ?? HubRegistry.DefaultLockWait;
        int? batchSize = null;
        if (args.Option("batch") is { } batchText)
        {
            if (!int.TryParse(batchText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new CliUsageException($"--batch: '{batchText}' is not a positive number of hubs");
            if (SyncSource(format, sync) is not null)
                throw new CliUsageException("--batch imports part of a source per transaction, so it cannot delete the hubs a complete source no longer lists: use it with --format csv or rdf without --sync");
            batchSize = n;
        }
        args.Expect(1);
        string path = args.Positional[0];
        if (!File.Exists(path)) throw new CliUsageException($"no such file '{path}'");
        RdfFormat? rdfFormat = null;
        if (format == HubInputFormat.Rdf)
            rdfFormat = RdfFormats.FromFileName(path) ?? throw new CliUsageException($"cannot tell the RDF syntax of '{path}' from its extension");
        ProfileIris iris;
        try { iris = new ProfileIris(baseIri ?? ProfileIris.DefaultBase); }
        catch (FormatException e) { throw new CliUsageException("--base-iri: " + e.Message); }
        referenceDir ??= SharedData.Locate() ?? throw new CliUsageException("reference data not found: give --reference DIR (the folder holding vocab/ and dih/) or set DIHNODE_SHARED");
        if (!File.Exists(Path.Combine(referenceDir, "dih", "taxonomies.csv")))
            throw new CliUsageException($"'{referenceDir}' does not hold dih/taxonomies.csv and vocab/countries-current.ttl");

        var clock = Stopwatch.StartNew();
        var reference = ReferenceData.Load(referenceDir, iris);
        HubBatch batch;
        try
        {
            using var input = File.OpenRead(path);
            batch = HubImporter.Read(input, format, reference, path, rdfFormat);
        }
        catch (CsvFormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("nothing imported; the store is unchanged");
            return CommandLine.Invalid;
        }
        catch (RdfSyntaxException e)
        {
            Console.Error.WriteLine($"{path}:{e.Line}:{e.Column}: {e.Problem}");
            Console.Error.WriteLine("nothing imported; the store is unchanged");
            return CommandLine.Invalid;
        }

        ImportReport report;
        try
        {
            using var node = NodeStore.Open(db, baseIri, lockWait);
            report = batchSize is int size && !(strict && batch.Rejected.Count > 0)
                ? ImportInBatches(node, batch, reference, size)
                : node.Registry.ImportAsync(batch, reference, strict, SyncSource(format, sync)).GetAwaiter().GetResult();
        }
        catch (DatabaseLockedException e)
        {
            Console.Error.WriteLine($"dihnode import: {e.Message} (--lock-wait {lockWait.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s){(batchSize is null ? "" : "; the batches acknowledged above are committed, running the import again resumes")}");
            return CommandLine.Invalid;
        }
        Console.Out.WriteLine(report.Summary);
        foreach (var problems in report.RejectedRows)
            foreach (var p in problems) Console.Out.WriteLine("rejected " + p);
        if (report.NutsCountryHubs > 0)
            Console.Out.WriteLine($"NUTS 3 region linked: {report.NutsLinked} of {report.NutsCountryHubs} hubs in countries with NUTS regions ({100.0 * report.NutsLinked / report.NutsCountryHubs:F1} %)");
        if (!report.RolledBack) Console.Out.WriteLine($"hubs linked across sources: {report.CrossSourceLinks} pairs");
        foreach (var w in report.Warnings) Console.Error.WriteLine("warning " + w);
        Console.Error.WriteLine($"{path}: {report.Accepted} hubs read, {report.Rejected} rejected in {clock.Elapsed.TotalSeconds:F2} s");
        return report.Rejected == 0 ? CommandLine.Ok : CommandLine.Invalid;
    }

    /// <summary>
    /// One registry transaction per <paramref name="size"/> hubs (the reference vocabularies with the first),
    /// each acknowledged after it committed; the reports are summed.
    /// </summary>
    private static ImportReport ImportInBatches(NodeStore node, HubBatch batch, ReferenceData reference, int size)
    {
        var total = new ImportReport { Accepted = batch.Hubs.Count, NutsLinked = batch.NutsLinked, NutsCountryHubs = batch.NutsCountryHubs };
        total.RejectedRows.AddRange(batch.Rejected);
        total.Warnings.AddRange(batch.Warnings);
        for (int start = 0, k = 1; start < batch.Hubs.Count || start == 0; start += size, k++)
        {
            var part = new HubBatch();
            part.Hubs.AddRange(batch.Hubs.Skip(start).Take(size));
            var report = node.Registry.ImportAsync(part, start == 0 ? reference : null, strict: false).GetAwaiter().GetResult();
            total.Imported += report.Imported;
            total.Updated += report.Updated;
            total.Unchanged += report.Unchanged;
            total.CrossSourceLinks = report.CrossSourceLinks;
            Console.Out.WriteLine($"committed batch {k}: hubs {start + 1}-{start + part.Hubs.Count}");
            Console.Out.Flush();
            if (batch.Hubs.Count == 0) break;
        }
        return total;
    }

    /// <summary>
    /// The source whose hubs the input replaces whole: the EDIH and JRC exports are always complete, so a
    /// hub they no longer list is deleted; a template CSV or RDF file does so only with <c>--sync</c>.
    /// </summary>
    private static string? SyncSource(HubInputFormat format, bool sync) => format switch
    {
        HubInputFormat.Edih2025 => HubCsvFormat.Edih2025.Source,
        HubInputFormat.Jrc2022 => HubCsvFormat.Jrc2022.Source,
        HubInputFormat.Csv when sync => HubCsvFormat.Template.Source,
        HubInputFormat.Rdf when sync => HubRdfFormat.Source,
        _ => null,
    };
}
