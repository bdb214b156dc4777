using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DihNode.Node.Cli;
using DihNode.Node.Hosting;
using DihNode.Node.Tests.Server;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// A node with the <c>--api-key</c> key (admin) and four named credentials: <c>editor</c> (data),
/// <c>harvester</c> (registry), <c>ops</c> (admin), <c>curator</c> (registry and data).
/// </summary>
public sealed class RoleNode() : LoggedNode(o => new NodeOptions
{
    Database = o.Database,
    Urls = o.Urls,
    ApiKey = o.ApiKey,
    Credentials =
    [
        WriteCredential.FromKey("editor", WriteRole.Data, RoleNode.DataKey),
        WriteCredential.FromKey("harvester", WriteRole.Registry, RoleNode.RegistryKey),
        WriteCredential.FromKey("ops", WriteRole.Admin, RoleNode.AdminKey),
        WriteCredential.FromKey("curator", WriteRole.Registry | WriteRole.Data, RoleNode.BothKey),
    ],
})
{
    public const string DataKey = "data-key-5b1e0c7a93d2";
    public const string RegistryKey = "registry-key-0f6a2c9e41b8";
    public const string AdminKey = "admin-key-9d4c7e1a2b60";
    public const string BothKey = "curator-key-3e8b5d0f7c19";

    public static readonly string[] AllKeys = [NodeFixture.ApiKey, DataKey, RegistryKey, AdminKey, BothKey];
}

/// <summary>
/// Issue 11 item 10, "wrong role: 403": every write needs a role (SPARQL Update and the Graph Store: data;
/// OData hub writes: registry; admin: everything). A known key without the role gets 403 naming the role
/// needed, and the data (quads, registry sequence, database files) stays byte for byte as it was; unknown
/// or missing keys keep getting 401; the request log names the credential of each write, never its key.
/// </summary>
public sealed class RoleTests(RoleNode node, ITestOutputHelper output) : IClassFixture<RoleNode>
{
    private const string Update = "INSERT DATA { GRAPH <http://example.org/roles> { <http://example.org/s> <http://example.org/p> 1 } }";
    private const string Turtle = "<http://example.org/s> <http://example.org/p> 2 .";

    private static HttpContent Body(string text, string type) => new StringContent(text, Encoding.UTF8, type);

    /// <summary>The writes the role data allows: SPARQL Update and Graph Store writes on an unmanaged graph.</summary>
    private static IEnumerable<(string Name, Func<HttpRequestMessage> Make)> DataWrites(string graph = "http://example.org/roles")
    {
        string target = "graph-store?graph=" + Uri.EscapeDataString(graph);
        string update = Update.Replace("http://example.org/roles", graph, StringComparison.Ordinal);
        yield return ("update body", () => new HttpRequestMessage(HttpMethod.Post, "sparql/update") { Content = Body(update, "application/sparql-update") });
        yield return ("update form", () => new HttpRequestMessage(HttpMethod.Post, "sparql/update") { Content = new FormUrlEncodedContent([new("update", update.Replace(" 1 }", " 3 }", StringComparison.Ordinal))]) });
        yield return ("GSP PUT", () => new HttpRequestMessage(HttpMethod.Put, target) { Content = Body(Turtle, "text/turtle") });
        yield return ("GSP POST", () => new HttpRequestMessage(HttpMethod.Post, target) { Content = Body(Turtle.Replace(" 2 .", " 4 .", StringComparison.Ordinal), "text/turtle") });
        yield return ("GSP POST new graph", () => new HttpRequestMessage(HttpMethod.Post, "graph-store") { Content = Body(Turtle, "text/turtle") });
        yield return ("GSP DELETE", () => new HttpRequestMessage(HttpMethod.Delete, target));
    }

    /// <summary>The writes the role registry allows: OData writes on Hubs.</summary>
    private static IEnumerable<(string Name, Func<HttpRequestMessage> Make)> RegistryWrites(int id)
    {
        yield return ("OData POST", () => new HttpRequestMessage(HttpMethod.Post, "odata/Hubs") { Content = Body("{\"Name\": \"Role test hub\", \"CountryCode\": \"SI\", \"TypeId\": 1}", "application/json") });
        yield return ("OData PATCH", () => new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({id})") { Content = Body("{\"Name\": \"changed by role\"}", "application/json") });
        yield return ("OData PUT", () => new HttpRequestMessage(HttpMethod.Put, $"odata/Hubs({id})") { Content = Body("{\"Name\": \"changed by role\", \"CountryCode\": \"SI\", \"TypeId\": 1}", "application/json") });
        yield return ("OData DELETE", () => new HttpRequestMessage(HttpMethod.Delete, $"odata/Hubs({id})"));
    }

    private async Task<int> FirstHubId()
    {
        using var client = node.Client();
        using var response = await client.GetAsync("odata/Hubs?$top=1&$orderby=Id&$select=Id");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("value")[0].GetProperty("Id").GetInt32();
    }

    private string Fingerprint() => DataFingerprint.Of(node.Store, node.Options.Database);

    [Fact]
    public async Task AKeyWithoutTheRoleGets403NamingTheRoleAndChangesNothing()
    {
        int id = await FirstHubId();
        var before = Fingerprint();
        var cases = new List<(string Credential, string Key, string Needed, string Write, Func<HttpRequestMessage> Make)>();
        foreach (var (write, make) in DataWrites()) cases.Add(("harvester", RoleNode.RegistryKey, "data", write, make));
        foreach (var (write, make) in RegistryWrites(id)) cases.Add(("editor", RoleNode.DataKey, "registry", write, make));
        foreach (var (credential, key, needed, write, make) in cases)
            foreach (bool header in (bool[])[false, true]) // Authorization: Bearer, and X-API-Key
            {
                using var request = make();
                if (header) request.Headers.Add("X-API-Key", key);
                else request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                using var client = node.Client();
                using var response = await client.SendAsync(request);
                string text = await response.Content.ReadAsStringAsync();
                string what = $"{write} as {credential}{(header ? " (X-API-Key)" : "")}";
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)response.StatusCode} {text}");
                Assert.Contains($"the role '{needed}'", text, StringComparison.Ordinal);
                Assert.Contains($"credential '{credential}'", text, StringComparison.Ordinal);
                Assert.DoesNotContain(key, text, StringComparison.Ordinal);
                var challenge = Assert.Single(response.Headers.WwwAuthenticate);
                Assert.Equal("Bearer", challenge.Scheme);
                Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter, StringComparison.Ordinal);
                Assert.Contains($"scope=\"{needed}\"", challenge.Parameter, StringComparison.Ordinal);
                if (!header) output.WriteLine($"{what}: 403 {text.Trim()}");
            }
        Assert.Equal(before, Fingerprint());
        output.WriteLine($"{cases.Count * 2} refused writes; fingerprint {before}");
    }

    [Fact]
    public async Task UnknownOrMissingKeysAre401AsBefore()
    {
        int id = await FirstHubId();
        var before = Fingerprint();
        var bad = new (string Name, Action<HttpRequestMessage> Apply)[]
        {
            ("none", _ => { }),
            ("wrong key", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-key-0123456789")),
            ("a key's SHA-256 as the key", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Convert.ToHexStringLower(WriteCredential.Hash(RoleNode.AdminKey)))),
            ("key prefix", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RoleNode.AdminKey[..^1])),
            ("credential name as key", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "ops")),
            ("empty X-API-Key", r => r.Headers.TryAddWithoutValidation("X-API-Key", "")),
        };
        int attempts = 0;
        foreach (var (write, make) in DataWrites().Concat(RegistryWrites(id)))
            foreach (var (name, apply) in bad)
            {
                using var request = make();
                apply(request);
                using var client = node.Client();
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{write} with {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer" && h.Parameter?.Contains("insufficient_scope", StringComparison.Ordinal) != true);
                attempts++;
            }
        Assert.Equal(before, Fingerprint());
        output.WriteLine($"{attempts} writes with unknown or missing keys: all 401; fingerprint unchanged");
    }

    [Fact]
    public async Task EachRoleWritesWhatItMayAndAdminWritesEverything()
    {
        int id = await FirstHubId();
        var allowed = new List<(string Credential, string Key, string Write, Func<HttpRequestMessage> Make)>();
        foreach (var (credential, key) in (ReadOnlySpan<(string, string)>)[("editor", RoleNode.DataKey), ("curator", RoleNode.BothKey), ("ops", RoleNode.AdminKey), ("api-key", NodeFixture.ApiKey)])
            foreach (var (write, make) in DataWrites($"http://example.org/roles/{credential}"))
                allowed.Add((credential, key, write, make));
        foreach (var (credential, key) in (ReadOnlySpan<(string, string)>)[("harvester", RoleNode.RegistryKey), ("curator", RoleNode.BothKey), ("ops", RoleNode.AdminKey), ("api-key", NodeFixture.ApiKey)])
            allowed.Add((credential, key, "OData PATCH", () => new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({id})") { Content = Body($"{{\"Name\": \"renamed by {credential}\"}}", "application/json") }));
        foreach (var (credential, key, write, make) in allowed)
        {
            var before = (node.Store.Rdf.Version, node.Store.Registry.LastSequence);
            using var request = make();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var client = node.Client();
            using var response = await client.SendAsync(request);
            Assert.True((int)response.StatusCode is >= 200 and < 300, $"{write} as {credential}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.NotEqual(before, (node.Store.Rdf.Version, node.Store.Registry.LastSequence)); // the write was committed (store or registry)
        }
        output.WriteLine($"{allowed.Count} writes with the right role: all 2xx, each committed");

        // The request log names the credential of every write, and never shows a key.
        await node.Log.WaitFor(0, e => e.Message.StartsWith("PATCH /odata/Hubs", StringComparison.Ordinal), count: 4);
        var patches = node.Log.Requests("PATCH", "/odata/Hubs");
        foreach (string credential in (string[])["harvester", "curator", "ops", "api-key"])
            Assert.Contains(patches, e => Equals(e.Fields.GetValueOrDefault("Credential"), credential) && e.Fields.GetValueOrDefault("Status") is int status && status is >= 200 and < 300);
        var puts = node.Log.Requests("PUT", "/graph-store");
        Assert.Contains(puts, e => Equals(e.Fields.GetValueOrDefault("Credential"), "editor") && e.Fields.GetValueOrDefault("Status") is int status && status is >= 200 and < 300);
        foreach (LogEntry entry in node.Log.Entries)
            foreach (string key in RoleNode.AllKeys)
                Assert.DoesNotContain(key, entry.Message, StringComparison.Ordinal);
        output.WriteLine("request log: " + string.Join(" | ", puts.Take(2).Concat(patches.Take(2)).Select(e => e.Message)));
    }

    [Fact]
    public async Task ARefusedWriteIsLoggedWithTheCredentialThatTriedIt()
    {
        int skip = node.Log.Entries.Count;
        using var client = node.Client(RoleNode.RegistryKey);
        using var response = await client.PostAsync("sparql/update", Body(Update, "application/sparql-update"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = Assert.Single(await node.Log.WaitFor(skip, e => e.Category.EndsWith(".RequestLog", StringComparison.Ordinal)));
        output.WriteLine(entry.Message);
        Assert.Equal("harvester", entry.Fields["Credential"]);
        Assert.EndsWith("credential harvester", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheKeysFileHoldsHashesAndItsMistakesNameTheLine()
    {
        string folder = Directory.CreateTempSubdirectory("dihnode-keys-").FullName;
        try
        {
            string file = Path.Combine(folder, "keys");
            File.WriteAllLines(file,
            [
                "# name roles sha256-of-key",
                $"editor data {Convert.ToHexStringLower(WriteCredential.Hash(RoleNode.DataKey))}",
                "",
                $"curator registry,data   {Convert.ToHexString(WriteCredential.Hash(RoleNode.BothKey))}",
            ]);
            var options = ServeCommand.ReadOptions(new CliArguments("serve", ["--keys", file, "--key", "ops:admin:" + RoleNode.AdminKey, "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "192.0.2.7"]), "node.db");
            Assert.Equal(["curator", "editor", "ops"], options.Credentials.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(WriteRole.Data, options.Credentials.Single(c => c.Name == "editor").Roles);
            Assert.Equal(WriteRole.Data | WriteRole.Registry, options.Credentials.Single(c => c.Name == "curator").Roles);
            Assert.Equal(WriteRole.Admin, options.Credentials.Single(c => c.Name == "ops").Roles);
            Assert.Equal(WriteCredential.Hash(RoleNode.BothKey), options.Credentials.Single(c => c.Name == "curator").KeyHash);
            Assert.Equal(["10.0.0.0/8", "192.0.2.7/32"], options.TrustedProxies.Select(p => p.ToString()));

            var mistakes = new (string[] Lines, string[] Args, string Expected)[]
            {
                (["editor data"], [], "keys:1: expected NAME ROLE[,ROLE] SHA256-OF-KEY"),
                (["# header", $"editor data {RoleNode.DataKey}"], [], "keys:2, field 3: expected the SHA-256 of the key as 64 hex digits"),
                ([$"editor writer {new string('a', 64)}"], [], "keys:1: roles 'writer' for 'editor': use registry, data or admin"),
                ([$"bad/name data {new string('a', 64)}"], [], "keys:1: credential name 'bad/name'"),
                ([$"ops data {new string('a', 64)}"], ["--key", "ops:admin:" + RoleNode.AdminKey], "credential 'ops' is configured twice"),
                ([], ["--key", "ops:admin"], "--key 'ops:…': expected NAME:ROLE[,ROLE]:KEY"),
                ([], ["--key", "ops:admin:short"], "--key ops: the key is shorter than 16 characters"),
                ([], ["--key", "api-key:data:" + RoleNode.DataKey], "the credential name 'api-key' is the one --api-key defines"),
                ([], ["--trusted-proxy", "proxy.example"], "--trusted-proxy 'proxy.example': expected an IP address"),
            };
            foreach (var (lines, args, expected) in mistakes)
            {
                File.WriteAllLines(file, lines);
                string[] all = lines.Length > 0 ? ["--keys", file, .. args] : args;
                var e = Assert.Throws<CliUsageException>(() => ServeCommand.ReadOptions(new CliArguments("serve", all), "node.db"));
                output.WriteLine(e.Message.Replace(folder, "…", StringComparison.Ordinal));
                Assert.Contains(expected, e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(RoleNode.AdminKey, e.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheServeCommandTakesKeysAndRolesFromItsOptions()
    {
        string folder = Directory.CreateTempSubdirectory("dihnode-serve-keys-").FullName;
        try
        {
            string keys = Path.Combine(folder, "keys");
            File.WriteAllText(keys, $"editor data {Convert.ToHexStringLower(WriteCredential.Hash(RoleNode.DataKey))}\n");
            var start = Dihnode.Start(["serve", "--db", Path.Combine(folder, "node.db"), "--urls", "http://127.0.0.1:0", "--keys", keys,
                "--key", "harvester:registry:" + RoleNode.RegistryKey, "--stop-with-stdin"]);
            start.RedirectStandardInput = true;
            using var process = Process.Start(start)!;
            try
            {
                var banner = new List<string>();
                Uri? address = null;
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                while (address is null && await process.StandardOutput.ReadLineAsync(wait.Token) is string line)
                {
                    banner.Add(line);
                    if (line.StartsWith("dihnode listening on ", StringComparison.Ordinal)) address = new Uri(line["dihnode listening on ".Length..].TrimEnd('/') + "/");
                }
                Assert.NotNull(address);
                banner.Add(await process.StandardOutput.ReadLineAsync(wait.Token) ?? "");
                output.WriteLine(string.Join("\n", banner));
                Assert.Contains(banner, l => l.StartsWith("write credentials: ", StringComparison.Ordinal) && l.Contains("editor (data)", StringComparison.Ordinal) && l.Contains("harvester (registry)", StringComparison.Ordinal));
                Assert.DoesNotContain(banner, l => l.Contains(RoleNode.RegistryKey, StringComparison.Ordinal));

                using var editor = LoopbackClient.From(address, "127.0.0.1", RoleNode.DataKey);
                using var put = await editor.PutAsync("graph-store?graph=" + Uri.EscapeDataString("http://example.org/serve"), Body(Turtle, "text/turtle"));
                Assert.Equal(HttpStatusCode.Created, put.StatusCode);
                using var harvester = LoopbackClient.From(address, "127.0.0.1", RoleNode.RegistryKey);
                using var refused = await harvester.PutAsync("graph-store?graph=" + Uri.EscapeDataString("http://example.org/serve"), Body(Turtle, "text/turtle"));
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                using var odata = await editor.PostAsync("odata/Hubs", Body("{\"Name\": \"x\", \"CountryCode\": \"SI\", \"TypeId\": 1}", "application/json"));
                string text = await odata.Content.ReadAsStringAsync();
                output.WriteLine($"OData POST as editor: {(int)odata.StatusCode} {text}");
                Assert.Equal(HttpStatusCode.Forbidden, odata.StatusCode);
                Assert.Contains("the role 'registry'", text, StringComparison.Ordinal);
            }
            finally
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(TimeSpan.FromSeconds(20))) process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
