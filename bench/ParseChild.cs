using System.Diagnostics;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Bench;

/// <summary>
/// One measured process: parses (or loads) one file and prints "COUNT PARSE_MS PEAK_RSS_KB".
/// Run as a child of <see cref="ParseBenchmark"/> so each repetition is a whole, cold process,
/// measured the same way as Jena's.
/// </summary>
internal static class ParseChild
{
    public const string Command = "parse-once";

    public static int Run(string[] args)
    {
        string mode = args[0];
        string path = args[1];
        var sw = Stopwatch.StartNew();
        long count = mode switch
        {
            "empty" => 0,
            "parse" => Parse(path),
            "load" => DatasetLoad.Load(path),
            _ => throw new ArgumentException($"unknown mode {mode}"),
        };
        sw.Stop();
        Console.WriteLine($"{count} {sw.Elapsed.TotalMilliseconds:F0} {PeakRssKb()}");
        return 0;
    }

    private static long Parse(string path)
    {
        var sink = new CountingSink();
        using var input = File.OpenRead(path);
        RdfParser.Parse(input, Format(path), sink, new RdfParserOptions { SourceName = path });
        return sink.Count;
    }

    public static RdfFormat Format(string path) =>
        RdfFormats.FromFileName(path) ?? throw new ArgumentException($"unknown RDF format of {path}");

    /// <summary>VmHWM of this process (Linux), in KiB.</summary>
    public static long PeakRssKb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim());
        return 0;
    }

    private sealed class CountingSink : IQuadSink
    {
        public long Count;
        public void Add(in Quad quad) => Count++;
    }
}
