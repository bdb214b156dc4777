using DihNode.Conformance.Reporting;
using DihNode.Conformance.Running;

namespace DihNode.Conformance;

/// <summary>
/// The command line: <c>DihNode.Conformance [SUITE...] [--verbose] [--earl FILE]</c>. Prints one line
/// per suite ("SUITE: P passed, F failed, S skipped of N"), the failures under it, and a closing
/// total; exits 0 only when nothing failed (2 for bad arguments).
/// </summary>
internal static class ConsoleRunner
{
    private const int ShortReasonLength = 200;

    public static int Run(string[] args)
    {
        var suiteNames = new List<string>();
        bool verbose = false;
        string? earlPath = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--verbose" or "-v":
                    verbose = true;
                    break;
                case "--earl":
                    if (i + 1 >= args.Length) return Usage("--earl needs a file name");
                    earlPath = args[++i];
                    break;
                case "--help" or "-h":
                    Usage(null);
                    return 0;
                default:
                    if (args[i].StartsWith('-')) return Usage($"unknown option {args[i]}");
                    if (Suites.Find(args[i]) is null) return Usage($"unknown suite {args[i]}");
                    suiteNames.Add(args[i]);
                    break;
            }
        }
        if (suiteNames.Count == 0) suiteNames.AddRange(Suites.All.Where(s => s.InDefaultRun).Select(s => s.Name));

        var all = new List<TestResult>();
        int passed = 0, failed = 0, skipped = 0;
        foreach (string name in suiteNames)
        {
            LoadedSuite suite;
            try
            {
                suite = ConformanceRunner.Load(name);
            }
            catch (Exception e)
            {
                Console.WriteLine($"{name}: could not load the manifest: {e.GetType().Name}: {e.Message}");
                failed++;
                continue;
            }
            var results = ConformanceRunner.RunAll(suite);
            all.AddRange(results);
            int p = results.Count(r => r.Status == TestStatus.Passed);
            int f = results.Count(r => r.Status == TestStatus.Failed);
            int s = results.Count(r => r.Status == TestStatus.Skipped);
            passed += p;
            failed += f;
            skipped += s;
            Console.WriteLine($"{suite.Suite.Name}: {p} passed, {f} failed, {s} skipped of {results.Count}");
            foreach (var r in results.Where(r => r.Status == TestStatus.Failed)) PrintFailure(r, verbose);
            // Every test not passed is listed with its reason, skips included.
            foreach (var r in results.Where(r => r.Status == TestStatus.Skipped)) Console.WriteLine($"  SKIP <{r.Test.Id}>: {r.Reason}");
        }
        Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");

        if (earlPath is not null)
        {
            EarlReport.Write(earlPath, all, DateTimeOffset.UtcNow);
            Console.WriteLine($"EARL report: {Path.GetFullPath(earlPath)}");
        }
        return failed == 0 ? 0 : 1;
    }

    private static void PrintFailure(TestResult r, bool verbose)
    {
        string reason = r.Reason ?? "(no reason given)";
        if (!verbose)
        {
            string line = reason.Split('\n')[0];
            if (line.Length > ShortReasonLength) line = line[..ShortReasonLength] + "...";
            Console.WriteLine($"  FAIL <{r.Test.Id}>: {line}");
            return;
        }
        Console.WriteLine($"  FAIL <{r.Test.Id}> ({r.Test.Name}, {r.Duration.TotalMilliseconds:0} ms)");
        if (r.Test.Action is { } action) Console.WriteLine($"    action: {DescribeAction(r.Test, action)}");
        if (r.Test.Approval is { } approval) Console.WriteLine($"    approval: {approval}");
        if (r.Test.Comment is { } comment) Console.WriteLine($"    comment: {comment}");
        foreach (string line in reason.Split('\n')) Console.WriteLine("    " + line);
    }

    /// <summary>An IRI action as is; a SPARQL action node as its query and data files.</summary>
    private static string DescribeAction(Manifests.TestEntry test, DihNode.Rdf.Model.Term action)
    {
        if (action is DihNode.Rdf.Model.Iri) return action.ToString();
        var graph = test.Manifest.Graph;
        var parts = new[] { Manifests.Qt.Query, Manifests.Qt.Data, Manifests.Qt.GraphData }
            .SelectMany(p => graph.Objects(action, p).Select(o => $"{p.Value[(p.Value.IndexOf('#') + 1)..]} {o}"));
        string text = string.Join(", ", parts);
        return text.Length > 0 ? text : action.ToString();
    }

    private static int Usage(string? error)
    {
        var output = error is null ? Console.Out : Console.Error;
        if (error is not null) output.WriteLine("error: " + error);
        output.WriteLine("usage: DihNode.Conformance [SUITE...] [--verbose] [--earl FILE(.ttl|.nt)]");
        output.WriteLine("suites: " + string.Join(", ", Suites.All.Select(s => s.InDefaultRun ? s.Name : s.Name + " (only when named)")));
        output.WriteLine($"the W3C suites are read from ${SharedFolder.EnvironmentVariable} or ../shared next to DihNode.sln");
        return error is null ? 0 : 2;
    }
}
