namespace DihNode.Node;

/// <summary>
/// Finds the shared data folder (EDIH and JRC catalogues, taxonomies, countries, NUTS):
/// <c>$DIHNODE_SHARED/data</c>, else <c>../shared/data</c> beside the repository root above the working
/// or the program directory.
/// </summary>
internal static class SharedData
{
    public static string? Locate()
    {
        string? env = Environment.GetEnvironmentVariable("DIHNODE_SHARED");
        if (!string.IsNullOrEmpty(env)) return Path.Combine(env, "data");
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "DihNode.sln"))) continue;
                string data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                if (Directory.Exists(data)) return data;
            }
        }
        return null;
    }
}
