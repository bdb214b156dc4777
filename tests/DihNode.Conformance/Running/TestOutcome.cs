namespace DihNode.Conformance.Running;

internal enum TestStatus
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>What a handler found: passed, or failed / skipped with the reason.</summary>
internal readonly record struct TestOutcome(TestStatus Status, string? Reason)
{
    public static readonly TestOutcome Pass = new(TestStatus.Passed, null);

    public static TestOutcome Fail(string reason) => new(TestStatus.Failed, reason);

    public static TestOutcome Skip(string reason) => new(TestStatus.Skipped, reason);
}

/// <summary>A test's outcome with the time it took.</summary>
internal sealed record TestResult(Manifests.TestEntry Test, TestStatus Status, string? Reason, TimeSpan Duration);
