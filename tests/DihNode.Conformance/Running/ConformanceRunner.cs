using System.Collections.Concurrent;
using System.Diagnostics;
using DihNode.Conformance.Manifests;

namespace DihNode.Conformance.Running;

/// <summary>A suite with its entries loaded from the manifests.</summary>
internal sealed class LoadedSuite
{
    private readonly Dictionary<string, TestEntry> _byId;

    public LoadedSuite(Suite suite, List<TestEntry> tests)
    {
        Suite = suite;
        Tests = tests;
        _byId = new Dictionary<string, TestEntry>(StringComparer.Ordinal);
        foreach (var t in tests) _byId.TryAdd(t.Id, t);
    }

    public Suite Suite { get; }

    public IReadOnlyList<TestEntry> Tests { get; }

    public TestEntry Get(string id) =>
        _byId.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"No test <{id}> in suite {Suite.Name}.");
}

/// <summary>
/// Runs manifest entries: the same code for the console runner and the xunit theories. Skips come
/// from <see cref="Skips"/>, handlers from <see cref="TestHandlers"/>; a handler that throws or runs
/// past the time limit fails its test without stopping the others.
/// </summary>
internal static class ConformanceRunner
{
    /// <summary>Longest a single test may run before it is reported as failed.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, Lazy<LoadedSuite>> s_suites = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Loads (once per process) the entries of the named suite from the shared folder.</summary>
    public static LoadedSuite Load(string suiteName)
    {
        var suite = Suites.Get(suiteName);
        return s_suites.GetOrAdd(suite.Name,
            _ => new Lazy<LoadedSuite>(() => new LoadedSuite(suite, ManifestLoader.Load(suite, SharedFolder.Conformance)))).Value;
    }

    /// <summary>Runs every entry of a loaded suite, in manifest order.</summary>
    public static List<TestResult> RunAll(LoadedSuite suite) => suite.Tests.Select(Run).ToList();

    /// <summary>Runs one entry.</summary>
    public static TestResult Run(TestEntry test)
    {
        var watch = Stopwatch.StartNew();
        var outcome = Outcome(test);
        return new TestResult(test, outcome.Status, outcome.Reason, watch.Elapsed);
    }

    private static TestOutcome Outcome(TestEntry test)
    {
        if (Skips.ReasonFor(test.Id) is { } skipReason) return TestOutcome.Skip(skipReason);
        var handler = TestHandlers.For(test);
        if (handler is null)
            return TestOutcome.Fail($"no handler for test type {string.Join(", ", test.Types.Select(t => t.ToString()))}");

        var task = Task.Run(() =>
        {
            try
            {
                return handler(test);
            }
            catch (Exception e)
            {
                // The top frames say where a crash happened (in the parser or here) without a debugger.
                var frames = (e.StackTrace ?? "").Split('\n').Take(3).Select(l => l.Trim());
                return TestOutcome.Fail($"{e.GetType().Name}: {e.Message}\n  {string.Join("\n  ", frames)}");
            }
        });
        return task.Wait(TestTimeout) ? task.Result : TestOutcome.Fail($"did not finish within {TestTimeout.TotalSeconds:0} s");
    }
}
