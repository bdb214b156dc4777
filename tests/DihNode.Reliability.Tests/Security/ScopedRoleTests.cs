using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DihNode.Node.Hosting;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// A node with scoped credentials: <c>lyon</c> (<c>data=http://example.org/graphs/lyon/,registry=FR</c>),
/// <c>lab</c> (two bracketed data prefixes), <c>national</c> (<c>data,registry=FR,registry=BE</c>: every graph,
/// hubs of two countries) and <c>ops</c> (admin) to set up data the others may not touch.
/// </summary>
public sealed class ScopedRoleNode() : LoggedNode(o => new NodeOptions
{
    Database = o.Database,
    Urls = o.Urls,
    ApiKey = o.ApiKey,
    Credentials =
    [
        WriteCredential.From("lyon", WriteGrant.Parse("data=http://example.org/graphs/lyon/,registry=FR"), WriteCredential.Hash(ScopedRoleNode.LyonKey)),
        WriteCredential.From("lab", WriteGrant.Parse("data=<http://example.org/graphs/lab-a/>,data=<http://example.org/graphs/lab-b/>"), WriteCredential.Hash(ScopedRoleNode.LabKey)),
        WriteCredential.From("national", WriteGrant.Parse("data,registry=FR,registry=BE"), WriteCredential.Hash(ScopedRoleNode.NationalKey)),
        WriteCredential.FromKey("ops", WriteRole.Admin, ScopedRoleNode.AdminKey),
    ],
})
{
    public const string LyonKey = "lyon-key-7c2d9e4a1f03";
    public const string LabKey = "lab-key-4b8e1d6c0a95";
    public const string NationalKey = "national-key-2a7f5c3e9d18";
    public const string AdminKey = "ops-key-8e3b0a6d4c27";

    public static readonly string[] AllKeys = [LyonKey, LabKey, NationalKey, AdminKey];
}

/// <summary>
/// Issue 11 item 10, scoped grants: a role may carry a scope (<c>data=IRI-PREFIX</c>, <c>registry=CC</c>). For
/// every write path (SPARQL Update per operation kind, Graph Store PUT/POST/DELETE, OData POST/PATCH/PUT/DELETE
/// and moving a hub across countries) in-scope writes are committed, and a request with any write out of scope
/// gets 403 naming the graph or country and the credential (never the key), <c>insufficient_scope</c>, and
/// leaves the database byte for byte as it was.
/// </summary>
public sealed partial class ScopedRoleTests(ScopedRoleNode node, ITestOutputHelper output) : IClassFixture<ScopedRoleNode>
{
    private const string Lyon = "http://example.org/graphs/lyon/";
    private const string Paris = "http://example.org/graphs/paris/x";
    private const string Public = "http://example.org/public";

    private static HttpContent Body(string text, string type) => new StringContent(text, Encoding.UTF8, type);

    private string Fingerprint() => DataFingerprint.Of(node.Store, node.Options.Database);

    private (long, long) Version() => (node.Store.Rdf.Version, node.Store.Registry.LastSequence);

    /// <summary>The message of an error body: problem details' <c>detail</c>, an OData error's <c>message</c>, or the text.</summary>
    private static string Message(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("detail", out var detail)) return detail.GetString() ?? "";
            if (json.RootElement.TryGetProperty("error", out var error)) return error.GetProperty("message").GetString() ?? "";
        }
        catch (JsonException) { }
        return body;
    }

    private async Task<(HttpStatusCode Status, string Message, HttpResponseMessage Response)> Send(string key, HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var client = node.Client();
        var response = await client.SendAsync(request);
        return (response.StatusCode, Message(await response.Content.ReadAsStringAsync()), response);
    }

    private static HttpRequestMessage Update(string update) =>
        new(HttpMethod.Post, "sparql/update") { Content = Body(update, "application/sparql-update") };

    /// <summary>Asserts a 403 for the scope: the message names <paramref name="expected"/> and the credential, never a key, and the challenge says insufficient_scope.</summary>
    private void AssertOutOfScope(string what, (HttpStatusCode Status, string Message, HttpResponseMessage Response) answer, string credential, string expected, string scope)
    {
        using var response = answer.Response;
        Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{what}: {(int)answer.Status} {answer.Message}");
        Assert.Contains(expected, answer.Message, StringComparison.Ordinal);
        Assert.Contains($"credential '{credential}'", answer.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", answer.Message, StringComparison.Ordinal);
        foreach (string key in ScopedRoleNode.AllKeys) Assert.DoesNotContain(key, answer.Message, StringComparison.Ordinal);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter, StringComparison.Ordinal);
        // A scope ending in '=' is a prefix (a graph IRI the node makes up); else the whole scope.
        Assert.Contains(scope.EndsWith('=') ? $"scope=\"{scope}" : $"scope=\"{scope}\"", challenge.Parameter, StringComparison.Ordinal);
        output.WriteLine($"{what}: 403 {answer.Message}");
    }

    private async Task Seed(string update)
    {
        var (status, message, response) = await Send(ScopedRoleNode.AdminKey, Update(update));
        response.Dispose();
        Assert.True(status == HttpStatusCode.OK, $"seed: {(int)status} {message}");
    }

    private async Task<int> HubIn(string country)
    {
        using var client = node.Client();
        using var response = await client.GetAsync($"odata/Hubs?$filter=CountryCode eq '{country}'&$top=1&$orderby=Id&$select=Id");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("value")[0].GetProperty("Id").GetInt32();
    }

    [Fact]
    public async Task UpdatesWithinTheGraphScopeRunForEveryOperationKind()
    {
        await Seed($"INSERT DATA {{ GRAPH <{Public}> {{ <http://example.org/s> <http://example.org/p> \"public\" }} }}");
        string s = "<http://example.org/s>", p = "<http://example.org/p>";
        var updates = new (string Kind, string Text, bool Changes)[]
        {
            ("INSERT DATA", $"INSERT DATA {{ GRAPH <{Lyon}a> {{ {s} {p} 1 . {s} {p} 2 }} }}", true),
            ("DELETE DATA", $"DELETE DATA {{ GRAPH <{Lyon}a> {{ {s} {p} 2 }} }}", true),
            ("WITH … INSERT … WHERE", $"WITH <{Lyon}a> INSERT {{ ?s {p} 3 }} WHERE {{ ?s {p} 1 }}", true),
            ("INSERT from an out-of-scope graph (WHERE only reads)", $"INSERT {{ GRAPH <{Lyon}b> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{Public}> {{ ?s ?p ?o }} }}", true),
            ("DELETE/INSERT with USING", $"DELETE {{ GRAPH <{Lyon}b> {{ ?s ?p ?o }} }} INSERT {{ GRAPH <{Lyon}b> {{ ?s ?p \"copied\" }} }} USING <{Public}> WHERE {{ ?s ?p ?o }}", true),
            ("ADD", $"ADD <{Lyon}a> TO <{Lyon}c>", true),
            ("COPY", $"COPY <{Lyon}a> TO <{Lyon}d>", true),
            ("MOVE", $"MOVE <{Lyon}d> TO <{Lyon}e>", true),
            ("DELETE WHERE", $"DELETE WHERE {{ GRAPH <{Lyon}e> {{ ?s ?p ?o }} }}", true),
            ("CLEAR GRAPH", $"CLEAR GRAPH <{Lyon}c>", true),
            ("DROP GRAPH", $"DROP GRAPH <{Lyon}b>", true),
            ("CREATE GRAPH (records nothing: no empty graphs)", $"CREATE GRAPH <{Lyon}new>", false),
            ("several operations, all in scope", $"INSERT DATA {{ GRAPH <{Lyon}f> {{ {s} {p} 5 }} }} ; COPY <{Lyon}f> TO <{Lyon}g>", true),
        };
        foreach (var (kind, text, changes) in updates)
        {
            var before = Version();
            var (status, message, response) = await Send(ScopedRoleNode.LyonKey, Update(text));
            response.Dispose();
            Assert.True(status == HttpStatusCode.OK, $"{kind}: {(int)status} {message}");
            if (changes) Assert.NotEqual(before, Version()); // committed
        }
        // What the requests left: graph a holds 1 and 3; c, d, e, b are gone; f and g hold 5.
        using var client = node.Client();
        using var get = await client.GetAsync("graph-store?graph=" + Uri.EscapeDataString(Lyon + "a") + "&format=nt");
        string graphA = await get.Content.ReadAsStringAsync();
        Assert.Equal(2, graphA.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (string gone in (string[])["b", "c", "d", "e"])
        {
            using var missing = await client.GetAsync("graph-store?graph=" + Uri.EscapeDataString(Lyon + gone));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        output.WriteLine($"{updates.Length} updates as lyon (data=<{Lyon}>): all 200, committed");

        // LOAD into an in-scope graph passes the scope and stops at the node's load allow-list, a different 403.
        var (loadStatus, loadMessage, loadResponse) = await Send(ScopedRoleNode.LyonKey, Update($"LOAD <http://example.org/doc.ttl> INTO GRAPH <{Lyon}load>"));
        loadResponse.Dispose();
        Assert.Equal(HttpStatusCode.Forbidden, loadStatus);
        Assert.Contains("load allow-list", loadMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("may write only", loadMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdatesThatWriteAnyGraphOutOfScopeAre403AndChangeNothing()
    {
        await Seed($"INSERT DATA {{ GRAPH <{Public}> {{ <http://example.org/s> <http://example.org/p> \"public\" }} GRAPH <{Paris}> {{ <http://example.org/s> <http://example.org/p> \"paris\" }} GRAPH <{Lyon}keep> {{ <http://example.org/s> <http://example.org/p> \"lyon\" }} }}");
        string s = "<http://example.org/s>", p = "<http://example.org/p>";
        string paris = $"graph <{Paris}>", defaultGraph = "the default graph", named = "every named graph";
        var cases = new (string Kind, string Credential, string Key, string Text, string Expected, string Scope)[]
        {
            ("INSERT DATA", "lyon", ScopedRoleNode.LyonKey, $"INSERT DATA {{ GRAPH <{Paris}> {{ {s} {p} 1 }} }}", paris, "data=" + Paris),
            ("INSERT DATA, default graph", "lyon", ScopedRoleNode.LyonKey, $"INSERT DATA {{ {s} {p} 1 }}", defaultGraph, "data"),
            ("INSERT DATA, partly in scope", "lyon", ScopedRoleNode.LyonKey, $"INSERT DATA {{ GRAPH <{Lyon}a> {{ {s} {p} 1 }} GRAPH <{Paris}> {{ {s} {p} 1 }} }}", paris, "data=" + Paris),
            ("second operation out of scope", "lyon", ScopedRoleNode.LyonKey, $"INSERT DATA {{ GRAPH <{Lyon}a> {{ {s} {p} 1 }} }} ; DROP GRAPH <{Paris}>", "operation 2 of the update (DROP) writes " + paris, "data=" + Paris),
            ("DELETE DATA", "lyon", ScopedRoleNode.LyonKey, $"DELETE DATA {{ GRAPH <{Public}> {{ {s} {p} \"public\" }} }}", $"graph <{Public}>", "data=" + Public),
            ("DELETE WHERE, default graph", "lyon", ScopedRoleNode.LyonKey, "DELETE WHERE { ?s ?p ?o }", defaultGraph, "data"),
            ("WITH out of scope", "lyon", ScopedRoleNode.LyonKey, $"WITH <{Paris}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", paris, "data=" + Paris),
            ("INSERT template without GRAPH", "lyon", ScopedRoleNode.LyonKey, $"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{Lyon}keep> {{ ?s ?p ?o }} }}", defaultGraph, "data"),
            ("LOAD INTO", "lyon", ScopedRoleNode.LyonKey, $"LOAD <http://example.org/doc.ttl> INTO GRAPH <{Paris}>", paris, "data=" + Paris),
            ("LOAD into the default graph", "lyon", ScopedRoleNode.LyonKey, "LOAD <http://example.org/doc.ttl>", defaultGraph, "data"),
            ("CLEAR GRAPH", "lyon", ScopedRoleNode.LyonKey, $"CLEAR GRAPH <{Public}>", $"graph <{Public}>", "data=" + Public),
            ("CLEAR DEFAULT", "lyon", ScopedRoleNode.LyonKey, "CLEAR DEFAULT", defaultGraph, "data"),
            ("CLEAR NAMED", "lyon", ScopedRoleNode.LyonKey, "CLEAR NAMED", named, "data"),
            ("DROP ALL", "lyon", ScopedRoleNode.LyonKey, "DROP SILENT ALL", named, "data"),
            ("DROP GRAPH", "lyon", ScopedRoleNode.LyonKey, $"DROP GRAPH <{Paris}>", paris, "data=" + Paris),
            ("CREATE GRAPH", "lyon", ScopedRoleNode.LyonKey, $"CREATE GRAPH <{Paris}>", paris, "data=" + Paris),
            ("ADD", "lyon", ScopedRoleNode.LyonKey, $"ADD <{Lyon}keep> TO <{Paris}>", paris, "data=" + Paris),
            ("COPY", "lyon", ScopedRoleNode.LyonKey, $"COPY <{Lyon}keep> TO <{Public}>", $"graph <{Public}>", "data=" + Public),
            ("MOVE from out of scope", "lyon", ScopedRoleNode.LyonKey, $"MOVE <{Paris}> TO <{Lyon}moved>", paris, "data=" + Paris),
            ("MOVE to the default graph", "lyon", ScopedRoleNode.LyonKey, $"MOVE <{Lyon}keep> TO DEFAULT", defaultGraph, "data"),
            ("a prefix is not a name's start", "lab", ScopedRoleNode.LabKey, $"INSERT DATA {{ GRAPH <http://example.org/graphs/lab-abc> {{ {s} {p} 1 }} }}",
                "graph <http://example.org/graphs/lab-abc>", "data=http://example.org/graphs/lab-abc"),
            ("the other lab's graph", "lab", ScopedRoleNode.LabKey, $"INSERT DATA {{ GRAPH <http://example.org/graphs/lab-a/x> {{ {s} {p} 1 }} GRAPH <http://example.org/graphs/lab-c/x> {{ {s} {p} 1 }} }}",
                "graph <http://example.org/graphs/lab-c/x>", "data=http://example.org/graphs/lab-c/x"),
        };
        string before = Fingerprint();
        foreach (var (kind, credential, key, text, expected, scope) in cases)
            AssertOutOfScope($"{kind} as {credential}", await Send(key, Update(text)), credential, expected, scope);
        // The form encoding and using-graph-uri (a read) change nothing about the graphs written.
        AssertOutOfScope("form, using-graph-uri", await Send(ScopedRoleNode.LyonKey, new HttpRequestMessage(HttpMethod.Post, "sparql/update")
        {
            Content = new FormUrlEncodedContent([new("update", $"INSERT {{ GRAPH <{Paris}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"), new("using-graph-uri", Lyon + "keep")]),
        }), "lyon", paris, "data=" + Paris);
        Assert.Equal(before, Fingerprint());
        output.WriteLine($"{cases.Length + 1} out-of-scope updates: all 403; fingerprint {before}");
    }

    [Fact]
    public async Task TheGraphStoreWritesOnlyInScopeGraphs()
    {
        const string Turtle = "<http://example.org/s> <http://example.org/p> 2 .";
        string In(string name) => "graph-store?graph=" + Uri.EscapeDataString(Lyon + name);
        string paris = "graph-store?graph=" + Uri.EscapeDataString(Paris);
        var allowed = new (string Kind, Func<HttpRequestMessage> Make, HttpStatusCode Expected)[]
        {
            ("PUT", () => new HttpRequestMessage(HttpMethod.Put, In("gsp")) { Content = Body(Turtle, "text/turtle") }, HttpStatusCode.Created),
            ("POST", () => new HttpRequestMessage(HttpMethod.Post, In("gsp")) { Content = Body(Turtle.Replace(" 2 .", " 3 .", StringComparison.Ordinal), "text/turtle") }, HttpStatusCode.OK),
            ("DELETE", () => new HttpRequestMessage(HttpMethod.Delete, In("gsp")), HttpStatusCode.OK),
        };
        foreach (var (kind, make, expected) in allowed)
        {
            var before = Version();
            var (status, message, response) = await Send(ScopedRoleNode.LyonKey, make());
            response.Dispose();
            Assert.True(status == expected, $"{kind}: {(int)status} {message}");
            Assert.NotEqual(before, Version());
        }
        await Seed($"INSERT DATA {{ GRAPH <{Paris}> {{ <http://example.org/s> <http://example.org/p> \"paris\" }} }}");
        var refused = new (string Kind, Func<HttpRequestMessage> Make, string Expected, string Scope)[]
        {
            ("PUT", () => new HttpRequestMessage(HttpMethod.Put, paris) { Content = Body(Turtle, "text/turtle") }, $"PUT writes graph <{Paris}>", "data=" + Paris),
            ("POST", () => new HttpRequestMessage(HttpMethod.Post, paris) { Content = Body(Turtle, "text/turtle") }, $"POST writes graph <{Paris}>", "data=" + Paris),
            ("DELETE", () => new HttpRequestMessage(HttpMethod.Delete, paris), $"DELETE writes graph <{Paris}>", "data=" + Paris),
            ("PUT default graph", () => new HttpRequestMessage(HttpMethod.Put, "graph-store?default") { Content = Body(Turtle, "text/turtle") }, "PUT writes the default graph", "data"),
            ("DELETE default graph", () => new HttpRequestMessage(HttpMethod.Delete, "graph-store?default"), "DELETE writes the default graph", "data"),
            ("POST new graph", () => new HttpRequestMessage(HttpMethod.Post, "graph-store") { Content = Body(Turtle, "text/turtle") }, "POST to /graph-store (which makes a new graph) writes graph <http://", "data="),
        };
        string fingerprint = Fingerprint();
        foreach (var (kind, make, expected, scope) in refused)
            AssertOutOfScope($"GSP {kind} as lyon", await Send(ScopedRoleNode.LyonKey, make()), "lyon", expected, scope);
        Assert.Equal(fingerprint, Fingerprint());

        // A credential with data unscoped (and registry scoped) still writes every unmanaged graph.
        var (nationalStatus, nationalMessage, nationalResponse) = await Send(ScopedRoleNode.NationalKey, new HttpRequestMessage(HttpMethod.Put, paris) { Content = Body(Turtle, "text/turtle") });
        nationalResponse.Dispose();
        Assert.True(nationalStatus == HttpStatusCode.NoContent, $"PUT as national: {(int)nationalStatus} {nationalMessage}");
        output.WriteLine($"{allowed.Length} in-scope Graph Store writes committed, {refused.Length} out of scope refused; fingerprint {fingerprint}");
    }

    [Fact]
    public async Task ODataWritesOnlyHubsOfTheGrantedCountries()
    {
        int fr = await HubIn("FR"), de = await HubIn("DE");
        var before = Version();
        // In scope: create a French hub (country in lower case as a client may send it), change it, replace it, delete it; PATCH an existing one.
        var (created, createdMessage, createdResponse) = await Send(ScopedRoleNode.LyonKey, new HttpRequestMessage(HttpMethod.Post, "odata/Hubs") { Content = Body("{\"Name\": \"Scoped test hub Lyon\", \"CountryCode\": \"fr\", \"TypeId\": 1}", "application/json") });
        int id;
        using (createdResponse)
        {
            Assert.True(created == HttpStatusCode.Created, $"POST FR: {(int)created} {createdMessage}");
            using var json = JsonDocument.Parse(await createdResponse.Content.ReadAsStringAsync());
            id = json.RootElement.GetProperty("Id").GetInt32();
        }
        var writes = new (string Kind, Func<HttpRequestMessage> Make)[]
        {
            ("PATCH", () => new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({id})") { Content = Body("{\"Name\": \"Scoped test hub Lyon 2\"}", "application/json") }),
            ("PUT", () => new HttpRequestMessage(HttpMethod.Put, $"odata/Hubs({id})") { Content = Body("{\"Name\": \"Scoped test hub Lyon 3\", \"CountryCode\": \"FR\", \"TypeId\": 1}", "application/json") }),
            ("PATCH an imported hub", () => new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({fr})") { Content = Body("{\"City\": \"Lyon\"}", "application/json") }),
            ("DELETE", () => new HttpRequestMessage(HttpMethod.Delete, $"odata/Hubs({id})")),
        };
        foreach (var (kind, make) in writes)
        {
            var step = Version();
            var (status, message, response) = await Send(ScopedRoleNode.LyonKey, make());
            response.Dispose();
            Assert.True((int)status is >= 200 and < 300, $"{kind}: {(int)status} {message}");
            Assert.NotEqual(step, Version());
        }
        Assert.NotEqual(before, Version());

        string fingerprint = Fingerprint();
        var refused = new (string Kind, Func<HttpRequestMessage> Make, string Expected, string Scope)[]
        {
            ("POST DE", () => new HttpRequestMessage(HttpMethod.Post, "odata/Hubs") { Content = Body("{\"Name\": \"Scoped test hub Berlin\", \"CountryCode\": \"DE\", \"TypeId\": 1}", "application/json") }, "this POST creates a hub in DE", "registry=DE"),
            ("PATCH DE", () => new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({de})") { Content = Body("{\"City\": \"Lyon\"}", "application/json") }, $"hub {de} is in DE", "registry=DE"),
            ("PUT DE", () => new HttpRequestMessage(HttpMethod.Put, $"odata/Hubs({de})") { Content = Body("{\"Name\": \"x\", \"CountryCode\": \"DE\", \"TypeId\": 1}", "application/json") }, $"hub {de} is in DE", "registry=DE"),
            ("DELETE DE", () => new HttpRequestMessage(HttpMethod.Delete, $"odata/Hubs({de})"), $"hub {de} is in DE", "registry=DE"),
            ("PATCH moving FR to DE", () => new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({fr})") { Content = Body("{\"CountryCode\": \"DE\"}", "application/json") }, $"this PATCH would move hub {fr} from FR to DE", "registry=DE"),
            ("PUT moving FR to DE", () => new HttpRequestMessage(HttpMethod.Put, $"odata/Hubs({fr})") { Content = Body("{\"Name\": \"x\", \"CountryCode\": \"DE\", \"TypeId\": 1}", "application/json") }, $"this PUT would move hub {fr} from FR to DE", "registry=DE"),
            ("PATCH moving DE to FR", () => new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({de})") { Content = Body("{\"CountryCode\": \"FR\"}", "application/json") }, $"hub {de} is in DE", "registry=DE"),
        };
        foreach (var (kind, make, expected, scope) in refused)
            AssertOutOfScope($"OData {kind} as lyon", await Send(ScopedRoleNode.LyonKey, make()), "lyon", expected, scope);
        Assert.Equal(fingerprint, Fingerprint());

        // Two countries: national (registry=FR,registry=BE) moves a hub from FR to BE and back; to DE it may not.
        foreach (string to in (string[])["BE", "FR"])
        {
            var (status, message, response) = await Send(ScopedRoleNode.NationalKey, new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({fr})") { Content = Body($"{{\"CountryCode\": \"{to}\"}}", "application/json") });
            response.Dispose();
            Assert.True((int)status is >= 200 and < 300, $"national PATCH to {to}: {(int)status} {message}");
        }
        fingerprint = Fingerprint();
        AssertOutOfScope("OData PATCH FR to DE as national", await Send(ScopedRoleNode.NationalKey, new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({fr})") { Content = Body("{\"CountryCode\": \"DE\"}", "application/json") }),
            "national", "only hubs of FR or BE", "registry=DE");
        // lab has no registry role at all: the role check answers as before.
        var (labStatus, labMessage, labResponse) = await Send(ScopedRoleNode.LabKey, new HttpRequestMessage(HttpMethod.Delete, $"odata/Hubs({fr})"));
        labResponse.Dispose();
        Assert.Equal(HttpStatusCode.Forbidden, labStatus);
        Assert.Contains("the role 'registry'", labMessage, StringComparison.Ordinal);
        Assert.Equal(fingerprint, Fingerprint());
        output.WriteLine($"{writes.Length + 3} in-scope OData writes committed, {refused.Length + 2} refused; fingerprint {fingerprint}");
    }

    [Fact]
    public async Task TheRequestLogNamesTheScopedCredential()
    {
        int skip = node.Log.Entries.Count;
        var (ok, okMessage, okResponse) = await Send(ScopedRoleNode.LyonKey, Update($"INSERT DATA {{ GRAPH <{Lyon}log> {{ <http://example.org/s> <http://example.org/p> 1 }} }}"));
        okResponse.Dispose();
        Assert.True(ok == HttpStatusCode.OK, okMessage);
        var (refused, _, refusedResponse) = await Send(ScopedRoleNode.LyonKey, Update($"INSERT DATA {{ GRAPH <{Paris}> {{ <http://example.org/s> <http://example.org/p> 1 }} }}"));
        refusedResponse.Dispose();
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        // Refused while the update ran (GRAPH ?g bound out of scope), not before.
        var (late, lateMessage, lateResponse) = await Send(ScopedRoleNode.LyonKey, Update($"INSERT {{ GRAPH ?g {{ <http://example.org/s> <http://example.org/p> 1 }} }} WHERE {{ BIND(<{Paris}> AS ?g) }}"));
        lateResponse.Dispose();
        Assert.Equal(HttpStatusCode.Forbidden, late);
        Assert.Contains("as the update found while it ran", lateMessage, StringComparison.Ordinal);
        var entries = await node.Log.WaitFor(skip, e => e.Category.EndsWith(".RequestLog", StringComparison.Ordinal), count: 3);
        Assert.Equal([200, 403, 403], entries.Select(e => (int)e.Fields["Status"]!).Order());
        Assert.All(entries, e => Assert.Equal("lyon", e.Fields["Credential"]));
        foreach (LogEntry entry in node.Log.Entries)
            foreach (string key in ScopedRoleNode.AllKeys)
                Assert.DoesNotContain(key, entry.Message, StringComparison.Ordinal);
        output.WriteLine(string.Join("\n", entries.Select(e => e.Message)));
    }
}
