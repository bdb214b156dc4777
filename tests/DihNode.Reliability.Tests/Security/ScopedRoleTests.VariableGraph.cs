using System.Diagnostics;
using System.Net;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// Scoped grants and templates with <c>GRAPH ?var</c>: their graphs are known only while the update runs, so the
/// store guard checks each quad written (added or removed) inside the update's transaction. Every quad in scope:
/// committed; one quad out of scope: 403 naming that graph and the credential, and nothing changed, also when
/// in-scope quads were written earlier in the same request.
/// </summary>
public sealed partial class ScopedRoleTests
{
    // Each test has its own graphs and subject, so neither sees the other's data whichever runs first.
    private const string LyonRun = "http://example.org/graphs/lyon/run/", ParisRun = "http://example.org/graphs/paris/run";
    private const string LyonRefused = "http://example.org/graphs/lyon/refused/", ParisRefused = "http://example.org/graphs/paris/refused";

    private async Task<HttpStatusCode> GraphStatus(string graph)
    {
        using var client = node.Client();
        using var response = await client.GetAsync("graph-store?graph=" + Uri.EscapeDataString(graph) + "&format=nt");
        return response.StatusCode;
    }

    private async Task<string[]> GraphLines(string graph)
    {
        using var client = node.Client();
        using var response = await client.GetAsync("graph-store?graph=" + Uri.EscapeDataString(graph) + "&format=nt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task GraphVariableTemplatesRunWhenEveryQuadLandsInScope()
    {
        const string S = "<http://example.org/v>", P = "<http://example.org/p>", LyonVar = LyonRun, ParisVar = ParisRun;
        await Seed($"INSERT DATA {{ GRAPH <{LyonVar}a> {{ {S} {P} \"a\" }} GRAPH <{LyonVar}b> {{ {S} {P} \"b\" }} "
            + $"GRAPH <{ParisVar}> {{ {S} {P} \"paris\" }} GRAPH <{Public}> {{ {S} {P} \"public\" }} "
            + $"GRAPH <http://example.org/graphs/lab-a/v> {{ {S} {P} \"lab\" }} GRAPH <http://example.org/graphs/lab-b/v> {{ {S} {P} \"lab\" }} }}");
        var updates = new (string Kind, string Key, string Text, bool Changes)[]
        {
            ("INSERT, GRAPH ?g bound by WHERE to two in-scope graphs", ScopedRoleNode.LyonKey,
                $"INSERT {{ GRAPH ?g {{ ?s ?p \"copy\" }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?s = {S} && STRSTARTS(STR(?g), \"{LyonVar}\")) }}", true),
            ("DELETE/INSERT, GRAPH ?g in both templates", ScopedRoleNode.LyonKey,
                $"DELETE {{ GRAPH ?g {{ ?s ?p \"copy\" }} }} INSERT {{ GRAPH ?g {{ ?s ?p \"moved\" }} }} WHERE {{ GRAPH ?g {{ ?s ?p \"copy\" }} FILTER(?s = {S}) }}", true),
            ("DELETE WHERE, GRAPH ?g matching only in-scope data", ScopedRoleNode.LyonKey,
                $"DELETE WHERE {{ GRAPH ?g {{ {S} ?p \"moved\" }} }}", true),
            ("GRAPH ?g made by BIND from an out-of-scope graph's data (WHERE only reads)", ScopedRoleNode.LyonKey,
                $"INSERT {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{Public}> {{ ?s ?p ?o }} FILTER(?s = {S}) BIND(IRI(CONCAT(\"{LyonVar}\", \"derived\")) AS ?g) }}", true),
            ("GRAPH ?g in an in-scope operation after INSERT DATA", ScopedRoleNode.LyonKey,
                $"INSERT DATA {{ GRAPH <{LyonVar}c> {{ {S} {P} \"c\" }} }} ; INSERT {{ GRAPH ?g {{ ?s ?p \"seen\" }} }} WHERE {{ GRAPH ?g {{ ?s ?p \"c\" }} FILTER(?s = {S}) }}", true),
            ("GRAPH ?g without solutions (nothing to write)", ScopedRoleNode.LyonKey,
                $"INSERT {{ GRAPH ?g {{ ?s ?p 1 }} }} WHERE {{ GRAPH ?g {{ ?s ?p \"no such value\" }} }}", false),
            ("two prefixes: GRAPH ?g bound to a graph under each", ScopedRoleNode.LabKey,
                $"INSERT {{ GRAPH ?g {{ ?s ?p \"lab2\" }} }} WHERE {{ GRAPH ?g {{ ?s ?p \"lab\" }} FILTER(?s = {S}) }}", true),
            ("unscoped data role: GRAPH ?g reaches every unmanaged graph", ScopedRoleNode.NationalKey,
                $"INSERT {{ GRAPH ?g {{ ?s ?p \"national\" }} }} WHERE {{ GRAPH ?g {{ ?s ?p \"paris\" }} FILTER(?s = {S}) }}", true),
        };
        foreach (var (kind, key, text, changes) in updates)
        {
            var before = Version();
            var (status, message, response) = await Send(key, Update(text));
            response.Dispose();
            Assert.True(status == HttpStatusCode.OK, $"{kind}: {(int)status} {message}");
            if (changes) Assert.NotEqual(before, Version()); // committed
        }
        // What the requests left: a and b hold their value only; derived holds the public triple; c holds "c" and "seen".
        Assert.Equal([$"{S} {P} \"a\" ."], await GraphLines(LyonVar + "a"));
        Assert.Equal([$"{S} {P} \"b\" ."], await GraphLines(LyonVar + "b"));
        Assert.Equal([$"{S} {P} \"public\" ."], await GraphLines(LyonVar + "derived"));
        Assert.Equal(2, (await GraphLines(LyonVar + "c")).Length);
        Assert.Equal(2, (await GraphLines("http://example.org/graphs/lab-b/v")).Length);
        Assert.Equal(2, (await GraphLines(ParisVar)).Length);
        output.WriteLine($"{updates.Length} updates with GRAPH ?var, every quad in scope: all 200, committed");
    }

    [Fact]
    public async Task GraphVariableTemplatesWithOneQuadOutOfScopeAre403AndRollBack()
    {
        const string S = "<http://example.org/w>", P = "<http://example.org/p>", LyonVar = LyonRefused, ParisVar = ParisRefused;
        string keep = LyonVar + "keep";
        await Seed($"INSERT DATA {{ GRAPH <{keep}> {{ {S} {P} \"lyon\" }} GRAPH <{ParisVar}> {{ {S} {P} \"paris\" }} "
            + $"GRAPH <{Public}> {{ {S} {P} \"public\" }} GRAPH <http://example.org/graphs/lab-c/w> {{ {S} {P} \"lab\" }} "
            + $"GRAPH <http://example.org/graphs/lab-a/w> {{ {S} {P} \"lab\" }} }}");
        string paris = $"graph <{ParisVar}>", parisScope = "data=" + ParisVar;
        var cases = new (string Kind, string Credential, string Key, string Text, string Expected, string Scope)[]
        {
            ("INSERT, GRAPH ?g bound to an in-scope and an out-of-scope graph", "lyon", ScopedRoleNode.LyonKey,
                $"INSERT {{ GRAPH ?g {{ ?s ?p 9 }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?s = {S} && ?g IN (<{keep}>, <{ParisVar}>)) }}",
                $"operation 1 of the update (INSERT with GRAPH ?g in a template) writes {paris}", parisScope),
            ("GRAPH ?g made by BIND out of scope, WHERE reading in scope", "lyon", ScopedRoleNode.LyonKey,
                $"INSERT {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{keep}> {{ ?s ?p ?o }} BIND(<{ParisVar}> AS ?g) }}", paris, parisScope),
            ("in-scope quads written by operation 1, operation 2 out of scope", "lyon", ScopedRoleNode.LyonKey,
                $"INSERT DATA {{ GRAPH <{LyonVar}first> {{ {S} {P} 1 }} }} ; INSERT {{ GRAPH ?g {{ {S} ?p 2 }} }} WHERE {{ GRAPH ?g {{ {S} ?p \"paris\" }} }}",
                $"operation 2 of the update (INSERT with GRAPH ?g in a template) writes {paris}", parisScope),
            ("in-scope GRAPH ?g written by operation 1, GRAPH ?h out of scope in operation 2", "lyon", ScopedRoleNode.LyonKey,
                $"INSERT {{ GRAPH ?g {{ ?s ?p \"first\" }} }} WHERE {{ GRAPH ?g {{ ?s ?p \"lyon\" }} FILTER(?s = {S}) }} ; DELETE WHERE {{ GRAPH ?h {{ {S} ?p \"paris\" }} }}",
                $"one of operations 1 or 2 of the update (each with GRAPH ?var in a template) writes {paris}", parisScope),
            ("DELETE, GRAPH ?g matching out-of-scope data", "lyon", ScopedRoleNode.LyonKey,
                $"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?s = {S} && ?o IN (\"lyon\", \"paris\")) }}",
                $"operation 1 of the update (DELETE with GRAPH ?g in a template) writes {paris}", parisScope),
            ("DELETE WHERE, GRAPH ?g matching out-of-scope data", "lyon", ScopedRoleNode.LyonKey,
                $"DELETE WHERE {{ GRAPH ?g {{ {S} ?p \"public\" }} }}", $"(DELETE WHERE with GRAPH ?g in a template) writes graph <{Public}>", "data=" + Public),
            ("DELETE WHERE, GRAPH ?g matching every named graph", "lyon", ScopedRoleNode.LyonKey,
                "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", "writes graph <", "data="),
            ("GRAPH ?g bound to the node's managed graphs", "lyon", ScopedRoleNode.LyonKey,
                "INSERT { GRAPH ?g { ?h <http://example.org/p> 1 } } WHERE { { SELECT ?g ?h WHERE { GRAPH ?g { ?h a ?type } } LIMIT 5 } }", "/graph/", "data="),
            ("two prefixes, GRAPH ?g bound under one and outside both", "lab", ScopedRoleNode.LabKey,
                $"INSERT {{ GRAPH ?g {{ ?s ?p \"lab2\" }} }} WHERE {{ GRAPH ?g {{ ?s ?p \"lab\" }} FILTER(?s = {S}) }}",
                "graph <http://example.org/graphs/lab-c/w>", "data=http://example.org/graphs/lab-c/w"),
        };
        string before = Fingerprint();
        var version = Version();
        foreach (var (kind, credential, key, text, expected, scope) in cases)
        {
            var clock = Stopwatch.StartNew();
            var answer = await Send(key, Update(text));
            AssertOutOfScope($"{kind} as {credential} ({clock.ElapsedMilliseconds} ms)", answer, credential, expected, scope);
        }
        Assert.Equal(version, Version());
        Assert.Equal(before, Fingerprint());
        // The in-scope writes of the refused requests were rolled back with the rest.
        Assert.Equal(HttpStatusCode.NotFound, await GraphStatus(LyonVar + "first"));
        Assert.Equal([$"{S} {P} \"lyon\" ."], await GraphLines(keep));
        Assert.Single(await GraphLines("http://example.org/graphs/lab-a/w"));
        output.WriteLine($"{cases.Length} updates with GRAPH ?var and a quad out of scope: all 403; fingerprint {before}");
    }
}
