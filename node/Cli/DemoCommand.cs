using System.Diagnostics;
using System.Security.Cryptography;
using DihNode.Node.Registry;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;
using Microsoft.AspNetCore.Builder;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode demo [--urls URL] [--db FILE] [--fresh]</c>: a node with the real EDIH catalogue (457 hubs)
/// and the vocabularies, from the shared data folder. The first run imports them into FILE (default
/// <c>dihnode-demo/node.db</c> under the working directory); later runs start from it at once.
/// Prints the node's URLs and a write key made for this run.
/// </summary>
internal static class DemoCommand
{
    public const string Synopsis = "demo [--urls URL] [--db FILE] [--fresh]";

    public static int Run(CliArguments args)
    {
        string db = args.Option("db") ?? Path.Combine("dihnode-demo", "node.db");
        bool fresh = args.Flag("fresh");
        var options = ServeCommand.ReadOptions(args, db);
        args.Expect(0);
        options = new Hosting.NodeOptions
        {
            Database = options.Database,
            Urls = options.Urls,
            BaseIri = options.BaseIri,
            Country = options.Country,
            ApiKey = options.ApiKey ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Credentials = options.Credentials,
            TrustedProxies = options.TrustedProxies,
        };
        string? data = SharedData.Locate();
        if (data is null)
        {
            Console.Error.WriteLine("dihnode demo: the shared data folder was not found: set DIHNODE_SHARED to the folder holding data/dih and data/vocab");
            return CommandLine.UsageError;
        }
        if (fresh) Delete(db);
        if (!Prepared(db))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(db))!);
            var clock = Stopwatch.StartNew();
            using var store = NodeStore.Open(db, options.BaseIri);
            var reference = ReferenceData.Load(data, store.Iris);
            string csv = Path.Combine(data, "dih", "edih-catalogue-2025.csv");
            HubBatch batch;
            using (var input = File.OpenRead(csv)) batch = HubImporter.Read(input, HubInputFormat.Edih2025, reference, csv);
            var report = store.Registry.ImportAsync(batch, reference, strict: false, HubCsvFormat.Edih2025.Source).GetAwaiter().GetResult();
            Console.Out.WriteLine($"demo data: {csv}: {report.Summary} in {clock.Elapsed.TotalSeconds:F1} s");
        }
        return ServeCommand.Serve(options, (store, app) => Banner(app, options.ApiKey!));
    }

    /// <summary>True when <paramref name="db"/> already holds imported hubs.</summary>
    private static bool Prepared(string db)
    {
        if (!File.Exists(db) || !StoreFiles.IsNode(db)) return false;
        using var store = NodeStore.Open(db);
        using var context = store.NewContext();
        return context.Hubs.Any();
    }

    private static void Delete(string db)
    {
        foreach (string path in new[] { db, db + "-wal", db + "-shm", NodeStore.RdfPath(db), NodeStore.RdfPath(db) + "-wal", NodeStore.RdfPath(db) + "-shm" })
            File.Delete(path);
    }

    private static string Banner(WebApplication app, string apiKey)
    {
        string root = app.Urls.First().TrimEnd('/');
        return string.Join('\n',
            $"  web UI          {root}/",
            $"  SPARQL          {root}/sparql          (update: {root}/sparql/update)",
            $"  Graph Store     {root}/graph-store",
            $"  OData           {root}/odata           ({root}/odata/$metadata)",
            $"  DCAT-AP         {root}/catalog",
            $"  health          {root}/healthz",
            $"  write key       {apiKey}   (Authorization: Bearer KEY)");
    }
}
