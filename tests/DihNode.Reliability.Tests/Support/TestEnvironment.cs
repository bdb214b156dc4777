namespace DihNode.Reliability.Tests.Support;

/// <summary>The switch between the bounded runs (default, CI) and the long soak and fuzz runs.</summary>
internal static class TestEnvironment
{
    /// <summary><c>DIHNODE_LONG_TESTS=1</c>: soak for 10 minutes, fuzz 20 times longer, 20 crash points.</summary>
    public static bool Long => Environment.GetEnvironmentVariable("DIHNODE_LONG_TESTS") == "1";

    /// <summary>The shared, read-only material (W3C suites, data): <c>DIHNODE_SHARED</c> or <c>../shared</c> beside the repository.</summary>
    public static string SharedRoot => DihNode.Node.Tests.Cli.CliTestHost.SharedRoot();

    public static string Conformance => Path.Combine(SharedRoot, "conformance");
}
