using System.Diagnostics;
using System.Globalization;

namespace DihNode.Bench;

/// <summary>
/// <c>parse --data FILE [--data FILE2] [--repeat 5] [--no-jena]</c>: for each file, times whole
/// processes (start-up included) that parse it, that load it into the dataset, and Jena's
/// <c>riot --count</c> on the same file, and prints one line per measurement:
/// <c>FORMAT: N triples, median T ms, R triples/s, peak RSS M MB</c>.
/// </summary>
internal static class ParseBenchmark
{
    public static int Run(string[] args)
    {
        var files = new List<string>();
        int repeat = 5;
        bool jena = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": files.Add(args[++i]); break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--no-jena": jena = false; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        if (files.Count == 0) { Console.Error.WriteLine("--data FILE is required"); return 2; }

        string self = Environment.ProcessPath!;
        var empty = Measure(repeat, () => RunChild(self, "empty", files[0]));
        Console.WriteLine($"empty process: median {empty.MedianMs:F0} ms, peak RSS {empty.PeakRssMb:F0} MB");
        string? riot = jena ? FindRiot() : null;
        if (jena && riot is null) Console.WriteLine("jena riot: not found (apt-get install libapache-jena-java)");

        foreach (string file in files)
        {
            string format = ParseChild.Format(file).ToString().ToLowerInvariant();
            var parse = Measure(repeat, () => RunChild(self, "parse", file));
            Print($"{format} (dihnode parse)", parse);
            var load = Measure(repeat, () => RunChild(self, "load", file));
            Print($"{format} (dihnode parse+load)", load);
            double perTriple = (load.PeakRssMb - empty.PeakRssMb) * 1024 * 1024 / Math.Max(1, load.Count);
            Console.WriteLine($"{format} dataset memory: {perTriple:F0} bytes/triple (peak RSS over the empty process)");
            if (riot is not null)
            {
                Result j;
                try
                {
                    j = Measure(repeat, () => RunRiot(riot, file));
                }
                catch (InvalidOperationException e)
                {
                    // Debian's Jena 4.5 cannot read JSON-LD (LOADING_DOCUMENT_FAILED): say so and go on.
                    Console.WriteLine($"{format} (jena riot --count): failed, {FirstLine(e.Message)}");
                    continue;
                }
                Print($"{format} (jena riot --count)", j);
                Console.WriteLine($"{format} speed-up over jena riot: parse {j.MedianMs / parse.MedianMs:F2}x, parse+load {j.MedianMs / load.MedianMs:F2}x");
            }
        }
        return 0;
    }

    private static string FirstLine(string text)
    {
        int at = text.IndexOf("[main] ERROR", StringComparison.Ordinal);
        string from = at >= 0 ? text[at..] : text;
        int end = from.IndexOf('\n');
        return end < 0 ? from : from[..end];
    }

    private static void Print(string label, Result r) =>
        Console.WriteLine($"{label}: {r.Count} triples, median {r.MedianMs:F0} ms, {r.Count / (r.MedianMs / 1000):F0} triples/s, peak RSS {r.PeakRssMb:F0} MB");

    private sealed record Run1(long Count, double WallMs, double PeakRssMb);

    private sealed record Result(long Count, double MedianMs, double PeakRssMb);

    private static Result Measure(int repeat, Func<Run1> run)
    {
        var runs = Enumerable.Range(0, repeat).Select(_ => run()).ToList();
        var walls = runs.Select(r => r.WallMs).Order().ToList();
        return new Result(runs[0].Count, walls[walls.Count / 2], runs.Max(r => r.PeakRssMb));
    }

    private static Run1 RunChild(string self, string mode, string file)
    {
        var (wall, stdout, _) = Exec(self, [ParseChild.Command, mode, file]);
        var parts = stdout.Trim().Split(' ');
        return new Run1(long.Parse(parts[0], CultureInfo.InvariantCulture), wall, long.Parse(parts[2], CultureInfo.InvariantCulture) / 1024.0);
    }

    /// <summary>Jena's riot under /usr/bin/time (for the JVM's peak RSS); it prints "Triples = 1,234".</summary>
    private static Run1 RunRiot(string riot, string file)
    {
        string timeFile = Path.GetTempFileName();
        try
        {
            var (wall, stdout, stderr) = Exec("/usr/bin/time", ["-f", "%M", "-o", timeFile, riot, file, "count"]);
            string text = stdout + stderr;
            int at = text.LastIndexOf("= ", StringComparison.Ordinal);
            long count = at < 0 ? -1 : long.Parse(text[(at + 2)..].Trim().Split('\n')[0].Replace(",", ""), CultureInfo.InvariantCulture);
            double rss = long.Parse(File.ReadAllLines(timeFile).Last(l => l.Trim().Length > 0).Trim(), CultureInfo.InvariantCulture) / 1024.0;
            return new Run1(count, wall, rss);
        }
        finally { File.Delete(timeFile); }
    }

    private static string? FindRiot()
    {
        string? shared = DihNode.Node.SharedData.Root();
        if (shared is null) return null;
        string riot = Path.Combine(shared, "tools", "jena-riot");
        return File.Exists(riot) && File.Exists("/usr/share/java/jena-arq.jar") && File.Exists("/usr/bin/time") ? riot : null;
    }

    private static (double WallMs, string Stdout, string Stderr) Exec(string exe, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        sw.Stop();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} {string.Join(' ', args)} failed ({p.ExitCode}): {err.Result}");
        return (sw.Elapsed.TotalMilliseconds, stdout, err.Result);
    }
}
