using DihNode.Node.Registry;
using DihNode.Rdf.Store.Sqlite;

namespace DihNode.Node.Cli;

/// <summary>
/// Which file a <c>--db FILE</c> option opens. A node's data is a registry file with its RDF store
/// beside it (<c>FILE.rdf</c>); the store commands also work on a plain RDF store file.
/// </summary>
internal static class StoreFiles
{
    /// <summary>True when <paramref name="path"/> is a node's registry (its RDF store is beside it).</summary>
    public static bool IsNode(string path) => File.Exists(NodeStore.RdfPath(Path.GetFullPath(path)));

    /// <summary>Opens the RDF store of <paramref name="path"/> for reading: the node's, or the plain store file.</summary>
    public static SqliteRdfStore OpenForReading(string path) =>
        SqliteRdfStore.Open(IsNode(path) ? NodeStore.RdfPath(Path.GetFullPath(path)) : path, create: false);

    /// <summary>
    /// Opens a plain RDF store for SPARQL Update. A node's store is refused: its update must not reach
    /// the managed graphs, which the running node's update endpoint checks.
    /// </summary>
    public static SqliteRdfStore OpenForUpdate(string path)
    {
        if (IsNode(path))
            throw new CliUsageException($"'{path}' is a node database: change its hubs with 'dihnode import', its other graphs through the running node (SPARQL Update, Graph Store Protocol) or 'dihnode load --graph'");
        return SqliteRdfStore.Open(path);
    }
}
