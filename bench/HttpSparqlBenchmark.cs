using System.Globalization;

namespace DihNode.Bench;

/// <summary>
/// <c>sparql-http --data FILE --queries DIR [--warmup 3] [--repeat 10] [--virtuoso]</c>: the queries over
/// HTTP against a real node process (<see cref="NodeServerProcess"/>) and, in the same run, against
/// Virtuoso's HTTP endpoint loaded with the same file. Both are timed the same way: curl's
/// <c>time_total</c> for one POST over loopback, the whole result read (CSV for SELECT/ASK, N-Triples for
/// CONSTRUCT/DESCRIBE). Prints <c>NAME: median M ms, min m ms, rows R</c> per engine and the ratio.
/// </summary>
internal static class HttpSparqlBenchmark
{
    public static int Run(string[] args)
    {
        string? data = null, queries = null;
        int warmup = 3, repeat = 10;
        bool virtuoso = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": data = args[++i]; break;
                case "--queries": queries = args[++i]; break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--virtuoso": virtuoso = true; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        if (data is null || queries is null || repeat < 1 || warmup < 0)
        {
            Console.Error.WriteLine("--data FILE and --queries DIR are required; --repeat at least 1");
            return 2;
        }
        var files = Directory.GetFiles(queries, "*.rq").Order(StringComparer.Ordinal).ToList();
        var (node, loadMs) = NodeServerProcess.Start(data);
        var ours = new Dictionary<string, Timing>();
        using (node)
        {
            Console.WriteLine($"node load (dihnode load into a node database): {loadMs:F0} ms; serving {node.Sparql}");
            foreach (string file in files)
            {
                var t = Measure(node.Sparql, file, warmup, repeat);
                ours[file] = t;
                Console.WriteLine($"{Path.GetFileNameWithoutExtension(file)} (node over http): median {t.MedianMs:F1} ms, min {t.MinMs:F1} ms, rows {t.Rows}");
            }
        }
        int mismatches = 0;
        if (virtuoso)
        {
            if (!Virtuoso.IsAvailable(out string why)) Console.WriteLine($"virtuoso: skipped ({why})");
            else
            {
                using var server = Virtuoso.Start();
                Console.WriteLine($"virtuoso load: {server.Load(data):F0} ms");
                foreach (string file in files)
                {
                    string name = Path.GetFileNameWithoutExtension(file);
                    var v = server.Measure(file, warmup, repeat);
                    Console.WriteLine($"{name} (virtuoso over http): median {v.MedianMs:F1} ms, min {v.MinMs:F1} ms, rows {v.Rows}; node/virtuoso {ours[file].MedianMs / v.MedianMs:F2}x");
                    if (v.Rows != ours[file].Rows)
                    {
                        Console.WriteLine($"!!! {name}: node rows {ours[file].Rows} != virtuoso rows {v.Rows} !!!");
                        mismatches++;
                    }
                }
            }
        }
        return mismatches == 0 ? 0 : 1;
    }

    private static Timing Measure(Uri endpoint, string query, int warmup, int repeat)
    {
        bool graph = ExternalProcess.IsGraphQuery(query);
        long rows = 0;
        for (int i = 0; i < warmup; i++) rows = Call(endpoint, query, graph).Rows;
        var times = new double[repeat];
        for (int i = 0; i < repeat; i++) (times[i], rows) = Call(endpoint, query, graph);
        return Timing.Of(times, rows);
    }

    private static (double Ms, long Rows) Call(Uri endpoint, string query, bool graph)
    {
        string output = Path.GetTempFileName();
        try
        {
            var (_, stdout, _) = ExternalProcess.Run("curl", ["-sS", "--fail", "-o", output, "-w", "%{time_total}",
                "-H", "Accept: " + (graph ? "application/n-triples" : "text/csv"), "--data-urlencode", "query@" + query, endpoint.AbsoluteUri]);
            double seconds = double.Parse(stdout.Trim(), CultureInfo.InvariantCulture);
            return (seconds * 1000, ExternalProcess.CountRows(File.ReadAllText(output), graph));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
