namespace DihNode.Node;

/// <summary>
/// Finds the read-only shared folder (the EDIH and JRC catalogues, vocabularies and NUTS under <c>data/</c>,
/// the W3C suites under <c>conformance/</c>, the Jena and Virtuoso wrappers under <c>tools/</c>):
/// <c>$DIHNODE_SHARED</c>, else <c>../shared</c> beside the repository root (the folder holding
/// DihNode.sln) above the working or the program directory. The node's commands, the tests and the
/// benchmarks all look it up here.
/// </summary>
public static class SharedData
{
    public const string EnvironmentVariable = "DIHNODE_SHARED";

    /// <summary>The shared folder (absolute), or null when there is none.</summary>
    /// <exception cref="DirectoryNotFoundException">DIHNODE_SHARED names a folder that does not exist.</exception>
    public static string? Root()
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            // A mistyped variable must not silently fall back to another copy.
            if (!Directory.Exists(env)) throw new DirectoryNotFoundException($"{EnvironmentVariable}={env} does not exist");
            return Path.GetFullPath(env);
        }
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "DihNode.sln"))) continue;
                string shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                if (Directory.Exists(shared)) return shared;
            }
        }
        return null;
    }

    /// <summary>The shared folder, or an exception saying how to point to it.</summary>
    public static string RequireRoot() => Root() ?? throw new DirectoryNotFoundException(
        $"the shared folder was not found: set {EnvironmentVariable} or put it at ../shared next to the folder holding DihNode.sln");

    /// <summary>The shared data folder (<c>data/</c>: catalogues and vocabularies), or null.</summary>
    public static string? Locate() => Root() is { } root && Directory.Exists(Path.Combine(root, "data")) ? Path.Combine(root, "data") : null;
}
