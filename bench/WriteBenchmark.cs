using System.Diagnostics;
using System.Globalization;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Bench;

/// <summary>
/// <c>write --data FILE [--to rdfxml] [--to turtle] [--repeat 5]</c>: reads FILE once into memory,
/// then times each writer (in process, after one warm-up run) writing all of it to a byte-counting
/// sink, and prints <c>FORMAT writer: N triples, median T ms, R triples/s, B MB</c>. Without
/// <c>--to</c>: RDF/XML, JSON-LD, Turtle and N-Triples.
/// </summary>
internal static class WriteBenchmark
{
    public static int Run(string[] args)
    {
        string? file = null;
        int repeat = 5;
        var formats = new List<RdfFormat>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": file = args[++i]; break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--to":
                    formats.Add(RdfFormats.FromName(args[++i]) ?? throw new ArgumentException($"unknown format {args[i]}"));
                    break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        if (file is null) { Console.Error.WriteLine("--data FILE is required"); return 2; }
        if (formats.Count == 0) formats.AddRange([RdfFormat.RdfXml, RdfFormat.JsonLd, RdfFormat.Turtle, RdfFormat.NTriples]);

        var sink = new Collect();
        var sw = Stopwatch.StartNew();
        using (var input = File.OpenRead(file))
            RdfParser.Parse(input, ParseChild.Format(file), sink, new RdfParserOptions { SourceName = file });
        Console.WriteLine($"read {sink.Quads.Count} triples in {sw.Elapsed.TotalMilliseconds:F0} ms");

        foreach (var format in formats)
        {
            long bytes = Write(format, sink);
            var times = new List<double>();
            for (int r = 0; r < repeat; r++)
            {
                sw.Restart();
                Write(format, sink);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            double median = times[times.Count / 2];
            Console.WriteLine(
                $"{format.ToString().ToLowerInvariant()} writer: {sink.Quads.Count} triples, median {median:F0} ms, " +
                $"{sink.Quads.Count / (median / 1000):F0} triples/s, {bytes / 1e6:F1} MB");
        }
        return 0;
    }

    private static long Write(RdfFormat format, Collect quads)
    {
        var output = new CountingStream();
        using (var writer = RdfWriter.Create(output, format))
        {
            foreach (var q in quads.Quads) writer.Add(q);
            writer.Finish();
        }
        return output.Length;
    }

    private sealed class Collect : IQuadSink
    {
        public readonly List<Quad> Quads = [];
        public void Add(in Quad quad) => Quads.Add(quad);
    }

    /// <summary>Discards what is written, counting the bytes.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
