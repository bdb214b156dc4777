using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DihNode.Node.Registry;
using DihNode.Vocab.Import;
using DihNode.Vocab.Reference;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode network demo [--base-port N] [--work DIR] [--countries ES,IT,DE,FR] [--fresh]</c>: a federation on
/// this machine. One national node per country (the EDIH 2025 hubs of that country, imported once into
/// <c>DIR/{cc}/node.db</c>) and an aggregator <c>eu</c> (<c>DIR/eu/node.db</c>) that subscribes to all of them,
/// each a separate <c>dihnode serve</c> process on loopback: node i listens on web port N+10i and gRPC port
/// N+10i+1, the aggregator after the last. Every aggregator–node link gets a fresh secret, handed to both
/// processes in the environment (<c>DIHNODE_PEER_SECRET_…</c>), never on a command line. The command prints
/// every endpoint, waits until the aggregator holds the union of the nodes' hubs, and runs until Ctrl+C or
/// SIGTERM, then stops the nodes (each also stops by itself when this process dies: its standard input,
/// held by this process, closes). Node logs go to <c>DIR/{name}/node.log</c>.
/// </summary>
internal static class NetworkCommand
{
    public const string Synopsis = "network demo [--base-port N] [--work DIR] [--countries ES,IT,DE,FR] [--fresh]";

    private const string Aggregator = "eu";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> s_countryNames = new(StringComparer.Ordinal)
    {
        ["ES"] = "Spain", ["IT"] = "Italy", ["DE"] = "Germany", ["FR"] = "France", ["PT"] = "Portugal", ["NL"] = "the Netherlands",
        ["BE"] = "Belgium", ["PL"] = "Poland", ["AT"] = "Austria", ["EL"] = "Greece", ["SE"] = "Sweden", ["FI"] = "Finland",
    };

    private sealed record Member(string Name, string? Country, int WebPort, int GrpcPort, string Folder, int Hubs)
    {
        public string Web => $"http://127.0.0.1:{WebPort.ToString(CultureInfo.InvariantCulture)}";

        public string Grpc => $"http://127.0.0.1:{GrpcPort.ToString(CultureInfo.InvariantCulture)}";

        public string Database => Path.Combine(Folder, "node.db");
    }

    public static int Run(CliArguments args)
    {
        if (args.Positional.Count != 1 || args.Positional[0] != "demo") throw new CliUsageException("the only network command is 'network demo'");
        string portText = args.Option("base-port") ?? "5100";
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int basePort) || basePort is < 1024 or > 65000)
            throw new CliUsageException($"--base-port '{portText}': give a port between 1024 and 65000");
        string work = Path.GetFullPath(args.Option("work") ?? "dihnode-network");
        var countries = (args.Option("countries") ?? "ES,IT,DE,FR").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant()).Distinct().ToList();
        if (countries.Count is 0 or > 40) throw new CliUsageException("--countries: give 1 to 40 EU country codes, comma-separated");
        bool fresh = args.Flag("fresh");
        args.Expect(1);

        string? data = SharedData.Locate();
        if (data is null)
        {
            Console.Error.WriteLine("dihnode network: the shared data folder was not found: set DIHNODE_SHARED to the folder holding data/dih and data/vocab");
            return CommandLine.UsageError;
        }
        int ports = 2 * (countries.Count + 1);
        foreach (int port in Enumerable.Range(0, countries.Count + 1).SelectMany(i => new[] { basePort + 10 * i, basePort + 10 * i + 1 }))
        {
            if (PortInUse(port))
            {
                Console.Error.WriteLine($"dihnode network: port {port} is in use; choose another --base-port (the network needs {ports} ports from {basePort})");
                return CommandLine.UsageError;
            }
        }

        var members = Prepare(work, data, countries, basePort, fresh);
        if (members is null) return CommandLine.Invalid;
        return RunNetwork(members, data);
    }

    /// <summary>Imports each country's hubs into its node's database (once; <c>--fresh</c> starts over).</summary>
    private static List<Member>? Prepare(string work, string data, List<string> countries, int basePort, bool fresh)
    {
        var members = new List<Member>();
        ReferenceData? reference = null;
        HubBatch? all = null;
        for (int i = 0; i <= countries.Count; i++)
        {
            bool aggregator = i == countries.Count;
            string name = aggregator ? Aggregator : countries[i].ToLowerInvariant();
            string folder = Path.Combine(work, name);
            if (fresh && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            string db = Path.Combine(folder, "node.db");
            int hubs = 0;
            if (!aggregator)
            {
                using var store = NodeStore.Open(db);
                using (var context = store.NewContext()) hubs = context.Hubs.Count(h => h.Origin == "");
                if (hubs == 0)
                {
                    reference ??= ReferenceData.Load(data, store.Iris);
                    string csv = Path.Combine(data, "dih", "edih-catalogue-2025.csv");
                    if (all is null)
                        using (var input = File.OpenRead(csv)) all = HubImporter.Read(input, HubInputFormat.Edih2025, reference, csv);
                    var country = reference.FindCountry(countries[i]);
                    if (country is null)
                    {
                        Console.Error.WriteLine($"dihnode network: --countries: '{countries[i]}' is not an EU country code");
                        return null;
                    }
                    var batch = new HubBatch();
                    batch.Hubs.AddRange(all.Hubs.Where(h => h.Record!.Country == country));
                    var report = store.Registry.ImportAsync(batch, reference, strict: false, HubCsvFormat.Edih2025.Source).GetAwaiter().GetResult();
                    hubs = batch.Hubs.Count;
                    Console.Out.WriteLine($"{name}: {report.Summary}");
                }
            }
            members.Add(new Member(name, aggregator ? null : countries[i], basePort + 10 * i, basePort + 10 * i + 1, folder, hubs));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return members;
    }

    private static int RunNetwork(List<Member> members, string data)
    {
        var nationals = members.Where(m => m.Country is not null).ToList();
        var aggregator = members.Single(m => m.Country is null);
        var secrets = nationals.ToDictionary(m => m.Name, _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), StringComparer.Ordinal);
        var keys = members.ToDictionary(m => m.Name, _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), StringComparer.Ordinal);
        string shared = Path.GetDirectoryName(Path.GetFullPath(data).TrimEnd(Path.DirectorySeparatorChar))!;

        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Set();
        });

        var children = new List<NodeProcess>();
        try
        {
            foreach (var m in nationals)
            {
                var env = new Dictionary<string, string> { ["DIHNODE_PEER_SECRET_EU"] = secrets[m.Name], ["DIHNODE_API_KEY"] = keys[m.Name], ["DIHNODE_SHARED"] = shared };
                string title = s_countryNames.TryGetValue(m.Country!, out string? country) ? $"Digital Innovation Hubs of {country}" : $"Digital Innovation Hubs ({m.Country})";
                children.Add(NodeProcess.Start(m.Name, m.Folder, env,
                [
                    "serve", "--db", m.Database, "--urls", m.Web, "--grpc-urls", m.Grpc, "--node-name", m.Name, "--country", m.Country!,
                    "--catalog-title", title, "--publisher", $"National DIH platform ({m.Country})", "--peer", $"{Aggregator}={aggregator.Grpc}", "--stop-with-stdin",
                ]));
            }
            var aggEnv = new Dictionary<string, string> { ["DIHNODE_API_KEY"] = keys[Aggregator], ["DIHNODE_SHARED"] = shared };
            var aggArgs = new List<string>
            {
                "serve", "--db", aggregator.Database, "--urls", aggregator.Web, "--grpc-urls", aggregator.Grpc, "--node-name", Aggregator, "--aggregator",
                "--catalog-title", "European Digital Innovation Hubs network", "--publisher", "European Commission", "--stop-with-stdin",
            };
            foreach (var m in nationals)
            {
                aggEnv["DIHNODE_PEER_SECRET_" + m.Name.ToUpperInvariant()] = secrets[m.Name];
                aggArgs.AddRange(["--peer", $"{m.Name}={m.Grpc}"]);
            }
            children.Add(NodeProcess.Start(Aggregator, aggregator.Folder, aggEnv, aggArgs));

            foreach (var child in children)
            {
                if (!child.WaitReady(s_startTimeout, stop))
                {
                    Console.Error.WriteLine($"dihnode network: node '{child.Name}' did not start{(child.ExitCode is int code ? $" (exit code {code})" : "")}; see {child.Log}");
                    return CommandLine.Invalid;
                }
            }
            PrintEndpoints(members, keys);
            int union = nationals.Sum(m => m.Hubs);
            var clock = Stopwatch.StartNew();
            int held = WaitForUnion(aggregator, union, stop);
            Console.Out.WriteLine(held == union
                ? $"aggregator holds the union: {union} hubs from {nationals.Count} nodes ({clock.ElapsedMilliseconds} ms after start)"
                : $"aggregator holds {held} of {union} hubs so far (still replicating; see {Path.Combine(aggregator.Folder, "node.log")})");
            Console.Out.WriteLine("network running; Ctrl+C stops every node");
            Console.Out.Flush();
            while (!stop.Wait(TimeSpan.FromMilliseconds(500)))
            {
                if (children.FirstOrDefault(c => c.ExitCode is not null) is { } dead)
                {
                    Console.Error.WriteLine($"dihnode network: node '{dead.Name}' stopped (exit code {dead.ExitCode}); stopping the network; see {dead.Log}");
                    return CommandLine.Invalid;
                }
            }
            return CommandLine.Ok;
        }
        finally
        {
            foreach (var child in children) child.RequestStop();
            foreach (var child in children) child.WaitOrKill(TimeSpan.FromSeconds(10));
            Console.Out.WriteLine($"stopped {children.Count} nodes");
        }
    }

    private static void PrintEndpoints(List<Member> members, Dictionary<string, string> keys)
    {
        Console.Out.WriteLine();
        foreach (var m in members)
        {
            Console.Out.WriteLine($"{m.Name}{(m.Country is null ? " (aggregator)" : $" ({m.Country}, {m.Hubs} hubs)")}");
            Console.Out.WriteLine($"  web UI    {m.Web}/");
            Console.Out.WriteLine($"  SPARQL    {m.Web}/sparql");
            Console.Out.WriteLine($"  OData     {m.Web}/odata");
            Console.Out.WriteLine($"  DCAT-AP   {m.Web}/catalog");
            Console.Out.WriteLine($"  changes   {m.Web}/changes");
            Console.Out.WriteLine($"  gRPC      {m.Grpc}");
            Console.Out.WriteLine($"  write key {keys[m.Name]}");
        }
        Console.Out.WriteLine();
    }

    /// <summary>Polls the aggregator's OData hub count until it reaches <paramref name="union"/> (60 s at most).</summary>
    private static int WaitForUnion(Member aggregator, int union, ManualResetEventSlim stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var end = DateTime.UtcNow + s_startTimeout;
        int held = 0;
        while (DateTime.UtcNow < end && !stop.IsSet)
        {
            try
            {
                string text = http.GetStringAsync(new Uri(aggregator.Web + "/odata/Hubs/$count")).GetAwaiter().GetResult();
                if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out held) && held >= union) return held;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not answering yet.
            }
            stop.Wait(TimeSpan.FromMilliseconds(200));
        }
        return held;
    }

    private static bool PortInUse(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
