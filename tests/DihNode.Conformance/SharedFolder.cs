namespace DihNode.Conformance;

/// <summary>The read-only shared folder that holds the W3C suites (found by <see cref="DihNode.Node.SharedData"/>).</summary>
internal static class SharedFolder
{
    public const string EnvironmentVariable = DihNode.Node.SharedData.EnvironmentVariable;

    private static readonly Lazy<string> s_root = new(Locate);

    /// <summary>The shared folder (absolute path).</summary>
    public static string Root => s_root.Value;

    /// <summary>The conformance folder inside the shared folder (the W3C suites).</summary>
    public static string Conformance => Path.Combine(Root, "conformance");

    private static string Locate() => DihNode.Node.SharedData.RequireRoot();
}
