using System.Diagnostics;
using DihNode.Node.Tests.Server;
using Xunit.Abstractions;

namespace DihNode.Node.Tests.OData;

/// <summary>
/// Proof that <c>/odata</c> query options run in SQLite, not in memory: the SQL EF Core sent for each
/// request holds the filter, order, limit and search, and the rows read from SQLite are no more than the
/// answer needs. Also the warm latency of list and filter pages over HTTP.
/// </summary>
public sealed class ODataSqlTests(NodeFixture node, ITestOutputHelper output) : IClassFixture<NodeFixture>
{
    private async Task<IReadOnlyList<SqlCommandRead>> Capture(string query)
    {
        using var capture = new SqlCapture(node.Options.Database);
        await node.Client.GetJson(query);
        foreach (var command in capture.Commands) output.WriteLine($"{query}\n  {command.RowsRead} reads: {command.Sql}");
        return capture.Commands;
    }

    /// <summary>EF counts every <c>Read()</c>, the last one (false, end of rows) included.</summary>
    private static void AtMostRows(SqlCommandRead command, int rows) =>
        Assert.True(command.RowsRead <= rows + 1, $"{command.RowsRead - 1} rows read, expected at most {rows}");

    [Fact]
    public async Task FilterOrderByAndTopAreSql()
    {
        var commands = await Capture("odata/Hubs?$filter=CountryCode eq 'DE' and contains(Name,'Zentrum')&$orderby=Name desc&$top=3&$select=Name");
        var query = Assert.Single(commands, c => c.Sql.Contains("FROM \"Hubs\"", StringComparison.Ordinal));
        Assert.Contains("WHERE", query.Sql);
        Assert.Contains("\"CountryCode\" =", query.Sql);
        Assert.Contains("instr(", query.Sql);
        Assert.Contains("ORDER BY \"h\".\"Name\" DESC", query.Sql);
        Assert.Contains("LIMIT", query.Sql);
        AtMostRows(query, 3);
    }

    [Fact]
    public async Task AnyOverInvolvementsIsAnSqlSubquery()
    {
        var commands = await Capture("odata/Hubs?$filter=Involvements/any(i: i/Level eq 5 and i/Concept/Scheme eq 'technology')&$top=2&$select=Name");
        var query = Assert.Single(commands, c => c.Sql.Contains("FROM \"Hubs\"", StringComparison.Ordinal));
        Assert.Contains("EXISTS (", query.Sql);
        Assert.Contains("\"Involvements\"", query.Sql);
        AtMostRows(query, 2);
    }

    [Fact]
    public async Task SearchIsLikeInSql()
    {
        var commands = await Capture("odata/Hubs?$search=health AND NOT robot&$top=5&$select=Name");
        var query = Assert.Single(commands, c => c.Sql.Contains("FROM \"Hubs\"", StringComparison.Ordinal));
        Assert.Contains("LIKE", query.Sql);
        Assert.Contains("ESCAPE '\\'", query.Sql);
        Assert.Contains("NOT LIKE", query.Sql); // EF pushes the NOT into the terms
        AtMostRows(query, 5);
    }

    [Fact]
    public async Task ServerPagingReadsOnePageAndSeeksByKey()
    {
        var commands = await Capture("odata/Hubs?$select=Name");
        var first = Assert.Single(commands, c => c.Sql.Contains("FROM \"Hubs\"", StringComparison.Ordinal));
        AtMostRows(first, 101); // a page and one more row, which tells there is a next page
        var page = await node.Client.GetJson("odata/Hubs?$select=Name");
        string next = page.GetProperty("@odata.nextLink").GetString()!;
        commands = await Capture(next);
        var second = Assert.Single(commands, c => c.Sql.Contains("FROM \"Hubs\"", StringComparison.Ordinal));
        Assert.Contains("\"h\".\"Id\" >", second.Sql); // $skiptoken: a seek on the key, not an OFFSET
        AtMostRows(second, 101);
    }

    [Fact]
    public async Task ApplyGroupByIsSql()
    {
        var commands = await Capture("odata/Involvements?$apply=groupby((ConceptId),aggregate($count as n))");
        var query = Assert.Single(commands, c => c.Sql.Contains("FROM \"Involvements\"", StringComparison.Ordinal));
        Assert.Contains("GROUP BY", query.Sql);
        Assert.True(query.RowsRead < 200, $"{query.RowsRead} rows read: grouped in SQLite, not in memory");
    }

    /// <summary>Warm list and filter pages over loopback HTTP: median and 95th percentile of 50 requests each.</summary>
    [Fact]
    public async Task WarmPagesAreFast()
    {
        string[] queries =
        [
            "odata/Hubs",
            "odata/Hubs?$select=Name,CountryCode&$filter=CountryCode eq 'DE'",
            "odata/Hubs?$filter=contains(tolower(Name),'digital')&$orderby=Name&$top=20",
            "odata/Hubs?$filter=Involvements/any(i: i/Level ge 4)&$count=true&$top=20",
            "odata/Hubs?$search=health OR agri&$top=20",
            "odata/Hubs?$expand=Involvements($expand=Concept($select=Label))&$top=20",
            "odata/Hubs?$apply=groupby((CountryCode),aggregate($count as n))",
        ];
        var medians = new List<double>();
        foreach (string query in queries)
        {
            for (int i = 0; i < 10; i++) await node.Client.GetStringAsync(query);
            var times = new List<double>();
            for (int i = 0; i < 50; i++)
            {
                long start = Stopwatch.GetTimestamp();
                await node.Client.GetStringAsync(query);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            times.Sort();
            medians.Add(times[25]);
            output.WriteLine($"{times[25],7:F2} ms median {times[47],7:F2} ms p95  {query}");
        }
        // A loose bound for a shared CI machine; the README reports the measured figures.
        Assert.All(medians, m => Assert.True(m < 200, $"median {m:F1} ms"));
    }
}
