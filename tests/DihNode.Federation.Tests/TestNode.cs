using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using DihNode.Federation;
using DihNode.Federation.Replication;
using DihNode.Federation.Trust;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DihNode.Federation.Tests;

/// <summary>
/// A real node in the test process: its own registry and RDF store in a temporary folder, Kestrel on two
/// loopback ports (HTTP/1.1 web, HTTP/2 gRPC). National nodes start from a template holding the EDIH 2025
/// hubs of one country (imported once per run); <see cref="StopAsync"/> and <see cref="Start"/> stop and
/// restart it on the same files and ports.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    public const string Secret = "link-secret-0123456789";
    private static readonly Dictionary<string, Lazy<string>> s_templates = [];
    private static readonly Lazy<ReferenceData> s_reference = new(() => ReferenceData.Load(DataDirectory, new ProfileIris(ProfileIris.DefaultBase)));

    private readonly string _folder;
    private readonly int _webPort = LoopbackPorts.Take();
    private readonly int _grpcPort = LoopbackPorts.Take();
    private Func<FederationOptions, FederationOptions>? _tune;

    private TestNode(string name, string folder)
    {
        Name = name;
        _folder = folder;
    }

    public string Name { get; }

    public NodeStore Store { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public FederationOptions Federation { get; private set; } = null!;

    /// <summary>The gRPC address: <c>https://</c> once the node has a <see cref="Certificate"/> (mutual TLS).</summary>
    public Uri GrpcUrl => new($"{(Certificate is null ? "http" : "https")}://127.0.0.1:{_grpcPort}");

    /// <summary>The node's certificate for mutual TLS on its gRPC port (<see cref="WithCertificate"/>); null: cleartext.</summary>
    public X509Certificate2? Certificate { get; private set; }

    public Uri WebUrl => new($"http://127.0.0.1:{_webPort}/");

    public string Database => Path.Combine(_folder, "node.db");

    public IReadOnlyList<PeerLink> Peers { get; private set; } = [];

    public bool Aggregator { get; private set; }

    public static ReferenceData Reference => s_reference.Value;

    public static string DataDirectory => Path.Combine(DihNode.Node.SharedData.RequireRoot(), "data");

    /// <summary>A national node with the EDIH 2025 hubs of <paramref name="country"/> (an EU code; null: all 457).</summary>
    public static TestNode National(string name, string? country, string baseIri = ProfileIris.DefaultBase)
    {
        var node = new TestNode(name, Directory.CreateTempSubdirectory($"dihnode-fed-{name}-").FullName);
        string template;
        lock (s_templates)
        {
            string key = (country ?? "*") + baseIri;
            if (!s_templates.TryGetValue(key, out var lazy)) s_templates[key] = lazy = new Lazy<string>(() => CreateTemplate(country, baseIri));
            template = lazy.Value;
        }
        foreach (string file in Directory.GetFiles(template)) File.Copy(file, Path.Combine(node._folder, Path.GetFileName(file)));
        return node;
    }

    /// <summary>An empty node (an aggregator, before it starts).</summary>
    public static TestNode Empty(string name) => new(name, Directory.CreateTempSubdirectory($"dihnode-fed-{name}-").FullName);

    /// <summary>Links the two nodes both ways with the same secret; nodes with certificates pin each other's.</summary>
    public static void Link(TestNode a, TestNode b, string secret = Secret)
    {
        a.Peers = [.. a.Peers, new PeerLink(b.Name, b.GrpcUrl, secret) { CertificatePins = Pins(b.Certificate) }];
        b.Peers = [.. b.Peers, new PeerLink(a.Name, a.GrpcUrl, secret) { CertificatePins = Pins(a.Certificate) }];
    }

    private static string[] Pins(X509Certificate2? certificate) => certificate is null ? [] : [NodeCertificate.Thumbprint(certificate)];

    /// <summary>Serves gRPC over mutual TLS with <paramref name="certificate"/> (call before <see cref="Link"/>, which pins it).</summary>
    public TestNode WithCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        return this;
    }

    /// <summary>
    /// Serves gRPC over mutual TLS with the certificate of PKCS#12 <paramref name="file"/>, as <c>--grpc-cert FILE</c>
    /// does: the node re-reads the file while it runs when it changes (<see cref="NodeCertificateFile"/>).
    /// </summary>
    public TestNode WithCertificateFile(string file, string? password)
    {
        _certificateFile = new NodeCertificateFile(file, password);
        Certificate = _certificateFile.Load();
        return this;
    }

    private NodeCertificateFile? _certificateFile;

    /// <summary>Adds a peer link as given (e.g. with a pin of one's own choosing), unlike <see cref="Link"/> one way only.</summary>
    public TestNode AddPeer(PeerLink link)
    {
        Peers = [.. Peers, link];
        return this;
    }

    /// <summary>
    /// Replaces the pins of the link to <paramref name="peer"/> with <paramref name="certificates"/>' thumbprints,
    /// as an operator edits <c>--peer-cert</c>; a running node sees them after <see cref="StopAsync"/> and <see cref="Start"/>.
    /// </summary>
    public TestNode Repin(string peer, params X509Certificate2[] certificates)
    {
        Peers = [.. Peers.Select(p => p.Name == peer ? p with { CertificatePins = [.. certificates.Select(NodeCertificate.Thumbprint)] } : p)];
        return this;
    }

    public TestNode AsAggregator()
    {
        Aggregator = true;
        return this;
    }

    /// <summary>What the node says of itself (its Hello and catalogue): country, catalogue title, publisher.</summary>
    public TestNode Describe(string? country, string? title, string? publisher)
    {
        _description = (country, title, publisher);
        return this;
    }

    private (string? Country, string? Title, string? Publisher) _description;

    /// <summary>The node's query gate and client budget window (a soak raises the one and turns the other off with zero); the defaults otherwise.</summary>
    public TestNode Limits(int maxConcurrentQueries, TimeSpan clientBudgetWindow)
    {
        _limits = (maxConcurrentQueries, clientBudgetWindow);
        return this;
    }

    private static readonly NodeOptions s_defaultLimits = new() { Database = "" };
    private (int Gate, TimeSpan BudgetWindow)? _limits;

    public TestNode Tune(Func<FederationOptions, FederationOptions> tune)
    {
        _tune = tune;
        return this;
    }

    /// <param name="configure">More settings of the web application (e.g. a test's own gRPC interceptor).</param>
    public TestNode Start(Action<WebApplicationBuilder>? configure = null)
    {
        var federation = new FederationOptions
        {
            NodeName = Name,
            Peers = Peers,
            Aggregator = Aggregator,
            Heartbeat = TimeSpan.FromSeconds(1),
            StaleAfter = TimeSpan.FromSeconds(2),
            BreakerOpenFor = TimeSpan.FromMilliseconds(500),
            Certificate = Certificate,
            CertificateFile = _certificateFile,
        };
        Federation = _tune?.Invoke(federation) ?? federation;
        var options = new NodeOptions
        {
            Database = Database,
            Urls = WebUrl.ToString(),
            GrpcUrls = GrpcUrl.ToString(),
            ApiKey = "test-key",
            MaxConcurrentQueries = _limits?.Gate ?? s_defaultLimits.MaxConcurrentQueries,
            ClientBudgetWindow = _limits?.BudgetWindow ?? s_defaultLimits.ClientBudgetWindow,
            Federation = Federation,
            ReferenceDataDirectory = DataDirectory,
            Country = _description.Country,
            CatalogTitle = _description.Title,
            PublisherName = _description.Publisher,
        };
        Store = NodeStore.Open(Database);
        App = NodeServer.Build(options, Store, b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(b);
        });
        App.StartAsync().GetAwaiter().GetResult();
        return this;
    }

    /// <summary>Stops the server at once (in-flight streams are cut) and closes the files: a crash as far as peers can tell.</summary>
    public async Task StopAsync()
    {
        using (var cut = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
            await App.StopAsync(cut.Token);
        await App.DisposeAsync();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public ReplicationService Replication => App.Services.GetRequiredService<ReplicationService>();

    public HashSet<string> HubIris(string? origin = null)
    {
        using var context = Store.NewContext();
        return [.. context.Hubs.Where(h => origin == null || h.Origin == origin).Select(h => h.Iri)];
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < end)
        {
            if (condition()) return true;
            await Task.Delay(10);
        }
        return condition();
    }

    private static string CreateTemplate(string? country, string baseIri)
    {
        string folder = Directory.CreateTempSubdirectory("dihnode-fed-template-").FullName;
        using (var store = NodeStore.Open(Path.Combine(folder, "node.db"), baseIri))
        {
            var reference = baseIri == ProfileIris.DefaultBase ? Reference : ReferenceData.Load(DataDirectory, store.Iris);
            string csv = Path.Combine(DataDirectory, "dih", "edih-catalogue-2025.csv");
            HubBatch all;
            using (var input = File.OpenRead(csv)) all = HubImporter.Read(input, HubInputFormat.Edih2025, reference, csv);
            var batch = new HubBatch();
            var wanted = country is null ? null : reference.FindCountry(country);
            batch.Hubs.AddRange(all.Hubs.Where(h => wanted is null || h.Record!.Country == wanted));
            store.Registry.ImportAsync(batch, reference, strict: false).GetAwaiter().GetResult();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) // null: never started
            try { await StopAsync(); } catch (ObjectDisposedException) { } catch (InvalidOperationException) { }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
