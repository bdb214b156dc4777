using System.Diagnostics;

namespace DihNode.Bench;

/// <summary>Runs the reference engines' tools (shared/tools) as child processes.</summary>
internal static class ExternalProcess
{
    /// <summary>Runs <paramref name="exe"/> to the end; a non-zero exit is an error naming the command and its standard error.</summary>
    public static (double WallMs, string Stdout, string Stderr) Run(string exe, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        clock.Stop();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{exe} {string.Join(' ', psi.ArgumentList)} failed ({p.ExitCode}): {err.Result}");
        return (clock.Elapsed.TotalMilliseconds, stdout, err.Result);
    }

    /// <summary>shared/tools: DIHNODE_SHARED, else ../shared next to the repository root.</summary>
    public static string SharedTools() => Path.Combine(DihNode.Node.SharedData.RequireRoot(), "tools");

    /// <summary>Whether the query is CONSTRUCT or DESCRIBE (its result is a graph, counted in triples).</summary>
    public static bool IsGraphQuery(string file) =>
        DihNode.Rdf.Sparql.Syntax.SparqlParser.ParseQuery(File.ReadAllText(file)).Form
            is DihNode.Rdf.Sparql.Syntax.QueryForm.Construct or DihNode.Rdf.Sparql.Syntax.QueryForm.Describe;

    /// <summary>Rows of a CSV result (lines after the header) or triples of an N-Triples result.</summary>
    public static long CountRows(string output, bool graph)
    {
        long lines = output.Split('\n').LongCount(l => l.Trim().Length > 0);
        return graph ? lines : lines - 1;
    }
}
