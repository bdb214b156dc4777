using System.Globalization;
using System.Text.RegularExpressions;

namespace DihNode.Bench;

/// <summary>
/// OpenLink Virtuoso through shared/tools (virtuoso-up, virtuoso-load, virtuoso-query), as
/// shared/tools/bench/run-virtuoso.sh measures it: the data bulk-loaded into one graph, each query
/// POSTed over loopback HTTP with that graph as the default graph, timed by curl's <c>time_total</c>
/// (serialisation included). Stops the server afterwards only if it started it.
/// </summary>
internal sealed partial class Virtuoso : IDisposable
{
    private const string Binary = "/usr/bin/virtuoso-t";
    private const string Graph = "urn:dih:bench";

    private readonly bool _startedHere;

    private Virtuoso(bool startedHere) => _startedHere = startedHere;

    public static bool IsAvailable(out string why)
    {
        why = !File.Exists(Binary) ? $"{Binary} missing: apt-get install virtuoso-opensource"
            : !File.Exists(Tool("virtuoso-up")) ? $"{Tool("virtuoso-up")} missing"
            : "";
        return why.Length == 0;
    }

    private static string Tool(string name) => Path.Combine(ExternalProcess.SharedTools(), name);

    public static Virtuoso Start()
    {
        var (_, stdout, _) = ExternalProcess.Run(Tool("virtuoso-up"), []);
        return new Virtuoso(!stdout.Contains("already running", StringComparison.Ordinal));
    }

    /// <summary>Replaces the benchmark graph with the file; returns the wall time of the bulk load in ms.</summary>
    public double Load(string data) =>
        ExternalProcess.Run(Tool("virtuoso-load"), ["--replace", "--graph", Graph, Path.GetFullPath(data)]).WallMs;

    public Timing Measure(string query, int warmup, int repeat)
    {
        bool graph = ExternalProcess.IsGraphQuery(query);
        long rows = 0;
        for (int i = 0; i < warmup; i++) rows = Call(query, graph).Rows;
        var times = new double[repeat];
        for (int i = 0; i < repeat; i++) (times[i], rows) = Call(query, graph);
        return Timing.Of(times, rows);
    }

    private static (double Ms, long Rows) Call(string query, bool graph)
    {
        var (_, stdout, stderr) = ExternalProcess.Run(Tool("virtuoso-query"), ["--graph", Graph, "--time", query, graph ? "nt" : "csv"]);
        var match = HttpTime().Match(stderr);
        if (!match.Success) throw new InvalidOperationException($"no time in virtuoso-query's output: {stderr}");
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 1000, ExternalProcess.CountRows(stdout, graph));
    }

    [GeneratedRegex(@"HTTP 200 in ([0-9.]+)s")]
    private static partial Regex HttpTime();

    public void Dispose()
    {
        if (_startedHere) ExternalProcess.Run(Tool("virtuoso-down"), []);
    }
}
