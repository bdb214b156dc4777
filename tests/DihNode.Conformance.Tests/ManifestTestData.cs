using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;

namespace DihNode.Conformance.Tests;

/// <summary>
/// Theory data from the manifests: one row per test IRI (plain strings, so each test is its own
/// case in the runner). When a manifest cannot be loaded a single row stands for it, and that case
/// fails with the load error instead of the whole suite silently disappearing.
/// </summary>
internal static class ManifestTestData
{
    public const string LoadFailure = "manifest-load-failure";

    public static IEnumerable<object[]> For(string suiteName) => For(suiteName, static _ => true);

    /// <summary>
    /// The entries of a suite that <paramref name="include"/> selects (by test type, say), for a suite
    /// whose other entries cannot pass yet and so are run by the console only.
    /// </summary>
    public static IEnumerable<object[]> For(string suiteName, Func<TestEntry, bool> include)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = ConformanceRunner.Load(suiteName).Tests.Where(include).Select(t => t.Id).ToList();
        }
        catch (Exception)
        {
            ids = [LoadFailure];
        }
        return ids.Select(id => new object[] { id });
    }

    /// <summary>Runs one test exactly as the console runner does and fails with its reason.</summary>
    public static void Check(string suiteName, string testId)
    {
        var suite = ConformanceRunner.Load(suiteName); // rethrows a load failure
        var result = ConformanceRunner.Run(suite.Get(testId));
        if (result.Status == TestStatus.Failed) Assert.Fail($"<{testId}>: {result.Reason}");
        // A test the runner skips (with its reason) is reported as skipped, never as passed.
        Skip.If(result.Status == TestStatus.Skipped, result.Reason);
    }
}
