using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Vocab;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Reliability.Tests.Durability;

/// <summary>The three views of a node's hubs that must agree, and the SQLite checks of its files.</summary>
internal static class NodeCounts
{
    /// <summary>Hubs in the registry table, hubs SPARQL counts in the hubs graph, hubs alive in the change feed.</summary>
    public static (int Registry, int Sparql, int Feed) Hubs(NodeStore store)
    {
        using var context = store.NewContext();
        int registry = context.Hubs.Count();
        int feed = context.Changes.AsNoTracking().AsEnumerable()
            .GroupBy(c => c.HubIri)
            .Count(g => g.MaxBy(c => c.Sequence)!.Kind == HubChangeKind.Upsert);
        var query = SparqlParser.ParseQuery($"SELECT (COUNT(DISTINCT ?h) AS ?n) WHERE {{ GRAPH <{store.Iris.HubsGraph.Value}> {{ ?h a <{Namespaces.Dih}Hub> }} }}");
        var result = (SelectResult)QueryEvaluator.Execute(query, store.Rdf.Snapshot());
        int sparql = int.Parse(((Literal)result.Rows.Single()[0]!).LexicalForm, System.Globalization.CultureInfo.InvariantCulture);
        return (registry, sparql, feed);
    }

    /// <summary>The answer of <c>PRAGMA integrity_check</c> on a closed database file.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return string.Join("; ", Read(command));
    }

    /// <summary>The hub identifiers (source/key) in the registry file.</summary>
    public static HashSet<string> Identifiers(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Identifier FROM Hubs";
        return [.. Read(command)];
    }

    private static List<string> Read(SqliteCommand command)
    {
        var values = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}
