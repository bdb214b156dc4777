using System.Diagnostics;
using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store.Sqlite;
using DihNode.Vocab.Profile;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode load --db FILE [--graph IRI] DATA...</c>: loads RDF files into a store (created when
/// missing). Each file is one transaction: it is committed (durable) before the next is read, and then
/// a line <c>committed FILE: N new quads</c> goes to standard output, so a caller knows exactly what is
/// stored even if the process dies later. A file with a syntax error is not stored at all; the load
/// stops there. With <c>--graph</c>, the files' default-graph statements go into that named graph.
/// </summary>
internal static class LoadCommand
{
    public const string Synopsis = "load --db FILE [--graph IRI] [--format FMT] [--base IRI] DATA...";

    public static int Run(CliArguments args)
    {
        string db = args.Option("db") ?? throw new CliUsageException("--db FILE is required");
        string? graphName = args.Option("graph"), formatName = args.Option("format"), baseIri = args.Option("base");
        args.Expect(args.Positional.Count);
        if (args.Positional.Count == 0) throw new CliUsageException("missing DATA file");
        Iri? graph = null;
        if (graphName is not null)
        {
            try { graph = Iri.Create(graphName); }
            catch (FormatException e) { throw new CliUsageException($"--graph: {e.Message}"); }
        }
        var formats = args.Positional.Select(path => RdfInput.ResolveFormat(path, formatName, "format")).ToList();
        foreach (string path in args.Positional)
            if (path != "-" && !File.Exists(path)) throw new CliUsageException($"no such file '{path}'");

        var clock = Stopwatch.StartNew();
        // A node's store takes data only into graphs it does not manage (those follow its registry).
        using var node = StoreFiles.IsNode(db) ? NodeStore.Open(db) : null;
        if (node is not null && (graph is null || node.Iris.IsManagedGraph(graph)))
            throw new CliUsageException($"'{db}' is a node database: load into a graph of your own with --graph IRI (not the default graph, nothing under {node.Iris.Base}/graph/)");
        using var plain = node is null ? SqliteRdfStore.Open(db) : null;
        var store = node?.Rdf ?? plain!;
        Console.Error.WriteLine($"opened {db}: {store.QuadCount} quads, {store.TermCount} terms in {clock.Elapsed.TotalSeconds:F2} s");
        for (int i = 0; i < args.Positional.Count; i++)
        {
            string path = args.Positional[i];
            var fileClock = Stopwatch.StartNew();
            using var transaction = store.BeginWrite();
            bool parsed = false;
            long added = transaction.Load(sink => parsed = RdfInput.TryParse(path, formats[i], baseIri, graph is null ? sink : new IntoGraph(sink, graph, node?.Iris)));
            if (!parsed) return CommandLine.Invalid; // rolled back by the dispose
            transaction.Commit();
            Console.Out.WriteLine($"committed {path}: {added} new quads");
            Console.Out.Flush();
            Console.Error.WriteLine($"{path}: {added} new quads in {fileClock.Elapsed.TotalSeconds:F2} s");
        }
        Console.Error.WriteLine($"{db}: {store.QuadCount} quads, {store.TermCount} terms; {clock.Elapsed.TotalSeconds:F2} s in all");
        return CommandLine.Ok;
    }

    /// <summary>Puts default-graph statements into one named graph; on a node, refuses statements for its managed graphs.</summary>
    private sealed class IntoGraph(IQuadSink next, Iri graph, ProfileIris? node) : IQuadSink
    {
        public void Add(in Quad quad)
        {
            if (node is not null && quad.Graph is Iri g && node.IsManagedGraph(g))
                throw new CliUsageException($"the input names graph <{g.Value}>, which the node manages from its registry");
            next.Add(quad.Graph is null ? quad with { Graph = graph } : quad);
        }
    }
}
