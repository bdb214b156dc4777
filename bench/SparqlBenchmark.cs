using System.Diagnostics;
using System.Globalization;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Results;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;
using DihNode.Rdf.Store.Sqlite;

namespace DihNode.Bench;

/// <summary>
/// <c>sparql --data FILE --queries DIR [--warmup 3] [--repeat 10] [--jena] [--virtuoso]</c>: loads the
/// file into the in-memory dataset once, then times each <c>*.rq</c> of DIR warm, in this process:
/// parse, evaluate, and write every row (SPARQL JSON) or triple (N-Triples) to a null stream, so a
/// lazy evaluator cannot skip work. Prints <c>load: N triples in T ms</c>, then per query
/// <c>NAME: median M ms, min m ms, rows R</c>, and the same queries in Jena ARQ and Virtuoso when asked.
/// Row counts are checked against the catalogue's known answers and the other engines' rows.
/// </summary>
internal static class SparqlBenchmark
{
    /// <summary>The answers of the catalogue queries at 200,012 triples (shared/tools/bench/README.md).</summary>
    private static readonly Dictionary<string, long> s_expected200k = new(StringComparer.OrdinalIgnoreCase)
    {
        ["q1"] = 1918, ["q2"] = 20, ["q3"] = 36, ["q4"] = 127, ["q5"] = 11,
    };

    private const long CatalogueTriples200k = 200_012;

    public static int Run(string[] args)
    {
        string? data = null, queries = null, db = null;
        int warmup = 3, repeat = 10;
        bool jena = false, virtuoso = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": data = args[++i]; break;
                case "--queries": queries = args[++i]; break;
                case "--db": db = args[++i]; break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--jena": jena = true; break;
                case "--virtuoso": virtuoso = true; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        if ((data is null && db is null) || queries is null || repeat < 1 || warmup < 0 || (data is null && (jena || virtuoso)))
        {
            Console.Error.WriteLine("--data FILE (or --db STORE) and --queries DIR are required (--jena/--virtuoso need --data); --repeat at least 1");
            return 2;
        }
        var files = Directory.GetFiles(queries, "*.rq").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) { Console.Error.WriteLine($"no *.rq in {queries}"); return 2; }

        var clock = Stopwatch.StartNew();
        IQuadStore store;
        SqliteRdfStore? persistent = null;
        if (db is not null)
        {
            // Queries over a store file made earlier (e.g. by `dihnode load --db`): time its reopening.
            persistent = SqliteRdfStore.Open(db, create: false);
            store = persistent.Snapshot();
            clock.Stop();
            Console.WriteLine($"reopen: {persistent.QuadCount} triples in {clock.Elapsed.TotalMilliseconds:F0} ms");
        }
        else
        {
            var dataset = new MemoryDataset();
            string file = data!;
            using (var input = File.OpenRead(file))
                dataset.Load(sink => RdfParser.Parse(input, ParseChild.Format(file), sink, new RdfParserOptions { SourceName = file }));
            clock.Stop();
            Console.WriteLine($"load: {dataset.QuadCount} triples in {clock.Elapsed.TotalMilliseconds:F0} ms");
            store = dataset.Snapshot();
        }
        using var closeStore = persistent;
        long triples = store.Count(DihNode.Rdf.Store.QuadPattern.InAllGraphs());

        var ours = new Dictionary<string, Timing>();
        int mismatches = 0;
        foreach (string file in files)
        {
            string name = Path.GetFileNameWithoutExtension(file);
            Timing timing;
            try
            {
                timing = Measure(store, file, warmup, repeat);
            }
            catch (Exception e) when (e is FormatException or QueryEvaluationException or NotSupportedException or InvalidOperationException)
            {
                // A query our parser or evaluator cannot run yet: say so and go on with the others.
                Console.WriteLine($"!!! {name}: FAILED: {e.GetType().Name}: {e.Message} !!!");
                mismatches++;
                continue;
            }
            ours[file] = timing;
            Console.WriteLine($"{name}: median {timing.MedianMs:F1} ms, min {timing.MinMs:F1} ms, rows {timing.Rows}");
            if (triples == CatalogueTriples200k && s_expected200k.TryGetValue(name.Split('-')[0], out long expected) && expected != timing.Rows)
                mismatches += Mismatch(name, "dihnode", timing.Rows, expected, "the catalogue's answer at 200 k");
        }

        if (jena)
        {
            if (!JenaArq.IsAvailable(out string why)) Console.WriteLine($"jena arq: skipped ({why})");
            else
                foreach (string file in files.Where(ours.ContainsKey))
                {
                    string name = Path.GetFileNameWithoutExtension(file);
                    if (!Attempt(name, "jena arq", () => JenaArq.Measure(data!, file, warmup, repeat), out var j)) continue;
                    Console.WriteLine($"{name} (jena arq): avg {j.AverageMs:F1} ms, rows {j.Rows}; dihnode/jena {ours[file].MedianMs / j.AverageMs:F2}x");
                    if (j.Rows != ours[file].Rows) mismatches += Mismatch(name, "dihnode", ours[file].Rows, j.Rows, "jena arq's rows");
                }
        }
        if (virtuoso)
        {
            if (!Virtuoso.IsAvailable(out string why)) Console.WriteLine($"virtuoso: skipped ({why})");
            else
            {
                if (!Attempt("virtuoso", "start", Virtuoso.Start, out var started)) return Finish(mismatches);
                using Virtuoso server = started;
                if (!Attempt("virtuoso", "load", () => server.Load(data!), out double loadMs)) return Finish(mismatches);
                Console.WriteLine($"virtuoso load: {loadMs:F0} ms");
                foreach (string file in files.Where(ours.ContainsKey))
                {
                    string name = Path.GetFileNameWithoutExtension(file);
                    if (!Attempt(name, "virtuoso", () => server.Measure(file, warmup, repeat), out var v)) continue;
                    Console.WriteLine($"{name} (virtuoso): median {v.MedianMs:F1} ms, min {v.MinMs:F1} ms, rows {v.Rows}; dihnode/virtuoso {ours[file].MedianMs / v.MedianMs:F2}x");
                    if (v.Rows != ours[file].Rows) mismatches += Mismatch(name, "dihnode", ours[file].Rows, v.Rows, "virtuoso's rows");
                }
            }
        }
        return Finish(mismatches);
    }

    private static int Finish(int mismatches)
    {
        if (mismatches > 0) Console.WriteLine($"!!! {mismatches} QUERIES WITH A WRONG ROW COUNT OR A FAILURE: see the lines marked !!! above !!!");
        return mismatches == 0 ? 0 : 1;
    }

    /// <summary>One reference-engine measurement; a failure (out of memory, server error) is printed and skipped.</summary>
    private static bool Attempt<T>(string name, string engine, Func<T> measure, out T result)
    {
        try
        {
            result = measure();
            return true;
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"{name} ({engine}): failed: {e.Message.Trim()}");
            result = default!;
            return false;
        }
    }

    private static int Mismatch(string name, string engine, long rows, long expected, string against)
    {
        Console.WriteLine($"!!! MISMATCH {name}: {engine} returned {rows} rows, {against} is {expected} !!!");
        return 1;
    }

    /// <summary>Warm timings of one query: <paramref name="warmup"/> untimed runs, then <paramref name="repeat"/> timed ones.</summary>
    public static Timing Measure(IQuadStore store, string file, int warmup, int repeat)
    {
        string text = File.ReadAllText(file);
        string baseIri = new Uri(Path.GetFullPath(file)).AbsoluteUri;
        long rows = 0;
        for (int i = 0; i < warmup; i++) rows = RunOnce(store, text, baseIri);
        var times = new double[repeat];
        for (int i = 0; i < repeat; i++)
        {
            long start = Stopwatch.GetTimestamp();
            rows = RunOnce(store, text, baseIri);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Timing.Of(times, rows);
    }

    /// <summary>Parses, evaluates and writes the whole result to a null stream; returns the rows (or triples; 1 for ASK).</summary>
    public static long RunOnce(IQuadStore store, string text, string baseIri)
    {
        Query query = SparqlParser.ParseQuery(text, baseIri);
        switch (QueryEvaluator.Execute(query, store, new QueryOptions { BaseIri = baseIri }))
        {
            case SelectResult select:
                {
                    using var writer = SparqlResultWriter.Create(Stream.Null, SparqlResultFormat.Json);
                    writer.Begin([.. select.Variables.Select(v => v.Name)]);
                    long rows = 0;
                    foreach (Term?[] row in select.Rows)
                    {
                        writer.WriteRow(row);
                        rows++;
                    }
                    writer.End();
                    return rows;
                }
            case AskResult ask:
                {
                    using var writer = SparqlResultWriter.Create(Stream.Null, SparqlResultFormat.Json);
                    writer.WriteBoolean(ask.Value);
                    return 1;
                }
            case GraphResult graph:
                {
                    using var writer = RdfWriter.Create(Stream.Null, RdfFormat.NTriples);
                    long triples = 0;
                    foreach (Triple t in graph.Triples)
                    {
                        writer.Add(new Quad(t));
                        triples++;
                    }
                    writer.Finish();
                    return triples;
                }
            default:
                throw new InvalidOperationException("unknown query result");
        }
    }
}

/// <summary>Repeated timings of one query and its row count.</summary>
internal sealed record Timing(double MedianMs, double MinMs, long Rows)
{
    public static Timing Of(IReadOnlyList<double> times, long rows)
    {
        var sorted = times.Order().ToList();
        double median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return new Timing(median, sorted[0], rows);
    }
}
