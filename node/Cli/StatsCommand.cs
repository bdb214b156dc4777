using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode stats FILE</c>: one line each for the number of statements ("triples:", or "quads:" for
/// the dataset formats N-Quads and TriG), distinct subjects, predicates, objects and, when there are
/// any, named graphs. Statements are counted as read (a repeated statement counts twice).
/// </summary>
internal static class StatsCommand
{
    public const string Synopsis = "stats FILE [--format FMT] [--base IRI]";

    public static int Run(CliArguments args)
    {
        string? formatName = args.Option("format"), baseIri = args.Option("base");
        args.Expect(1);
        string path = args.Positional[0];
        var format = RdfInput.ResolveFormat(path, formatName, "format");
        var stats = new StatsSink();
        if (!RdfInput.TryParse(path, format, baseIri, stats)) return CommandLine.Invalid;
        var o = Console.Out;
        o.WriteLine($"{(format.SupportsDatasets() ? "quads" : "triples")}: {stats.Count}");
        o.WriteLine($"subjects: {stats.Subjects.Count}");
        o.WriteLine($"predicates: {stats.Predicates.Count}");
        o.WriteLine($"objects: {stats.Objects.Count}");
        if (stats.Graphs.Count > 0) o.WriteLine($"graphs: {stats.Graphs.Count}");
        return CommandLine.Ok;
    }

    private sealed class StatsSink : IQuadSink
    {
        public long Count;
        public readonly HashSet<Term> Subjects = [], Predicates = [], Objects = [], Graphs = [];

        public void Add(in Quad quad)
        {
            Count++;
            Subjects.Add(quad.Subject);
            Predicates.Add(quad.Predicate);
            Objects.Add(quad.Object);
            if (quad.Graph is not null) Graphs.Add(quad.Graph);
        }
    }
}
