namespace DihNode.Rdf.Store.Sqlite;

/// <summary>
/// A store file that cannot be used: not an SQLite database, a foreign SQLite database, a schema
/// version this build does not read, damaged contents, or a file another process holds. The message
/// names the file; opening never repairs or replaces what it found.
/// </summary>
public sealed class StoreFileException(string path, string problem, Exception? inner = null)
    : IOException($"{path}: {problem}", inner)
{
    /// <summary>The store file.</summary>
    public string FilePath { get; } = path;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;
}
