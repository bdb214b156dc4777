namespace DihNode.Conformance;

/// <summary>
/// Finds the read-only shared folder that holds the W3C suites: the DIHNODE_SHARED environment
/// variable if set, else <c>../shared</c> next to the repository root (the folder with DihNode.sln),
/// searched upwards from the program's own folder and from the current directory.
/// </summary>
internal static class SharedFolder
{
    public const string EnvironmentVariable = "DIHNODE_SHARED";
    private const string SolutionFile = "DihNode.sln";

    private static readonly Lazy<string> s_root = new(Locate);

    /// <summary>The shared folder (absolute path).</summary>
    public static string Root => s_root.Value;

    /// <summary>The conformance folder inside the shared folder (the W3C suites).</summary>
    public static string Conformance => Path.Combine(Root, "conformance");

    /// <exception cref="DirectoryNotFoundException">No shared folder could be found.</exception>
    private static string Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (!Directory.Exists(fromEnvironment))
                throw new DirectoryNotFoundException($"{EnvironmentVariable}={fromEnvironment} does not exist.");
            return Path.GetFullPath(fromEnvironment);
        }
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, SolutionFile))) continue;
                string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"Shared folder not found: set {EnvironmentVariable} or put it at ../shared next to the folder holding {SolutionFile}.");
    }
}
