using System.Globalization;
using System.Text.RegularExpressions;

namespace DihNode.Bench;

/// <summary>
/// Jena ARQ in memory, warm, as shared/tools/bench/run-jena.sh measures it: one JVM loads the data
/// once and runs the query <c>--repeat=W,R</c> times; ARQ's own <c>--time</c> prints the average of
/// the R timed runs (parse, execute and write the results, in seconds with three decimals).
/// </summary>
internal static partial class JenaArq
{
    private const string ArqJar = "/usr/share/java/jena-arq.jar";

    public static bool IsAvailable(out string why)
    {
        why = !File.Exists(ArqJar) ? $"{ArqJar} missing: apt-get install libapache-jena-java"
            : !File.Exists(EnvScript) ? $"{EnvScript} missing"
            : "";
        return why.Length == 0;
    }

    private static string EnvScript => Path.Combine(ExternalProcess.SharedTools(), "lib", "jena-env.sh");

    public sealed record Result(double AverageMs, long Rows);

    public static Result Measure(string data, string query, int warmup, int repeat)
    {
        bool graph = ExternalProcess.IsGraphQuery(query);
        // jena-env.sh builds JENA_CP and JENA_JAVA_OPTS (heap size, quiet logging).
        const string Script = ". \"$0\"; exec java $JENA_JAVA_OPTS -cp \"$JENA_CP\" arq.sparql \"$@\"";
        var (_, stdout, stderr) = ExternalProcess.Run("bash",
        [
            "-c", Script, EnvScript, "--data", Path.GetFullPath(data), "--query", Path.GetFullPath(query),
            "--results", graph ? "nt" : "csv", "--time", $"--repeat={warmup},{repeat}",
        ]);
        var match = Average().Match(stderr);
        if (!match.Success) throw new InvalidOperationException($"no 'average:' in ARQ's output: {stderr}");
        double averageMs = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 1000;
        // ARQ prints the result once per timed run.
        long rows = ExternalProcess.CountRows(stdout, graph: true);
        rows = graph ? rows / repeat : rows / repeat - 1;
        return new Result(averageMs, rows);
    }

    [GeneratedRegex(@"average:\s*([0-9.]+)")]
    private static partial Regex Average();
}
