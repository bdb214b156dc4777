using System.Net.Http.Headers;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Node.Tests.Vocab;
using DihNode.Vocab.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DihNode.Node.Tests.Server;

/// <summary>
/// A real node (Kestrel on a free loopback port, a real SQLite registry and RDF store in a temporary
/// folder) with the EDIH 2025 catalogue imported. The import runs once per test run into a template
/// database; each fixture starts from its own copy, so a test class may write without disturbing others.
/// </summary>
public class NodeFixture : IDisposable
{
    public const string ApiKey = "test-key-0123456789";

    private static readonly Lazy<string> s_template = new(CreateTemplate);

    private readonly string _folder;

    public NodeFixture() : this(null) { }

    /// <summary>Starts a node; <paramref name="configure"/> may change the options (limits) before it starts.</summary>
    protected NodeFixture(Func<NodeOptions, NodeOptions>? configure)
    {
        _folder = Directory.CreateTempSubdirectory("dihnode-node-").FullName;
        string db = Path.Combine(_folder, "node.db");
        foreach (string file in Directory.GetFiles(s_template.Value))
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        var options = new NodeOptions { Database = db, Urls = "http://127.0.0.1:0", ApiKey = ApiKey };
        Options = configure is null ? options : configure(options);
        Store = NodeStore.Open(db);
        App = NodeServer.Build(Options, Store, b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        App.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(App.Urls.First().TrimEnd('/') + "/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The folder of the imported template database (node.db and node.db.rdf); copy, never open it.</summary>
    public static string TemplateFolder => s_template.Value;

    public NodeOptions Options { get; }

    public NodeStore Store { get; }

    public WebApplication App { get; }

    /// <summary>The node's root URL, ending in a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>A new client that sends the write key.</summary>
    public HttpClient WriterClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    private static string CreateTemplate()
    {
        string folder = Directory.CreateTempSubdirectory("dihnode-template-").FullName;
        string db = Path.Combine(folder, "node.db");
        using (var store = NodeStore.Open(db))
        {
            string csv = Path.Combine(VocabTestData.DataDirectory, "dih", "edih-catalogue-2025.csv");
            HubBatch batch;
            using (var input = File.OpenRead(csv)) batch = HubImporter.Read(input, HubInputFormat.Edih2025, VocabTestData.Reference, csv);
            store.Registry.ImportAsync(batch, VocabTestData.Reference, strict: false).GetAwaiter().GetResult();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // let go of the registry file before it is copied
        return folder;
    }

    public virtual void Dispose()
    {
        Client.Dispose();
        App.StopAsync().GetAwaiter().GetResult();
        ((IAsyncDisposable)App).DisposeAsync().AsTask().GetAwaiter().GetResult();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
