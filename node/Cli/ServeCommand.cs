using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Store.Sqlite;
using Microsoft.AspNetCore.Builder;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode serve --db FILE [--urls URL] [--base-iri IRI] [--country CODE] [--api-key KEY] [--lock-wait SECONDS]</c>:
/// runs the node (Kestrel) over its database until stopped (Ctrl+C, SIGTERM). <c>--lock-wait</c> bounds how long a
/// registry write waits for another process's lock on the database before it gets 503 (default 10 s, at most 3600). The API key (role admin) may also come
/// from the environment variable <c>DIHNODE_API_KEY</c>, which keeps it out of process listings; named keys
/// with roles and trusted proxies: <see cref="AccessArguments"/>.
/// </summary>
internal static class ServeCommand
{
    public const string Synopsis = "serve --db FILE [--urls URL] [--base-iri IRI] [--country CODE] [--api-key KEY]\n"
        + "        [--key NAME:ROLES:KEY]... [--keys FILE] [--trusted-proxy ADDRESS|CIDR]... [--lock-wait SECONDS]\n"
        + "        [--catalog-title TITLE] [--publisher NAME] [--public-url URL]\n"
        + "        [--node-name NAME --grpc-urls URL [--peer NAME=URL --peer-secret NAME=SECRET [--peer-cert NAME=SHA256[,SHA256]]]...\n"
        + "         [--peers FILE] [--aggregator] [--grpc-cert FILE.pfx [--grpc-cert-password PW]]]";

    /// <summary>The write credentials explained, for <c>serve --help</c>.</summary>
    public const string Details = """
        write credentials:
          --api-key KEY          the credential 'api-key' with the role admin (or DIHNODE_API_KEY)
          --key NAME:ROLES:KEY   a named credential (repeatable; the key has 16 characters at least)
          --keys FILE            one 'NAME ROLES SHA256-OF-KEY' per line (hex; '#' comments; printf %s KEY | sha256sum);
                                 re-read when it changes (also when replaced by rename) and on SIGHUP (kill -HUP PID),
                                 so keys are added and revoked without a restart: a file that does not parse or is
                                 missing keeps the keys in force and is logged (FILE:LINE) and shown in /healthz;
                                 --api-key and --key credentials never change while the node runs
        ROLES, separated by commas:
          data                   SPARQL Update and Graph Store writes on every graph the node does not manage
          data=IRI-PREFIX        only on graphs whose IRI starts with IRI-PREFIX (repeatable; end it with / or #);
                                 never the default graph, every named graph (CLEAR NAMED/ALL) or GRAPH ?var templates
          registry               OData writes on every hub
          registry=CC            only on hubs of country CC as /odata/Countries lists it (FR; EL for Greece), before
                                 and after the write (repeatable)
          admin                  everything (no scope)
        In --key, NAME is the first ':'-separated field. Without a scope, ROLES is the second field and KEY all the
        rest (it may contain ':'). With a scope (the second field holds '='), KEY is the LAST field and cannot contain
        ':' (use --keys for such a key); ROLES is everything between, so IRIs keep their ':'. An IRI may be written in
        angle brackets, which also keeps a ',' in it from separating roles. Examples:
          --key lyon:data=http://example.org/graphs/lyon/,registry=FR:KEY
          --key lab:data=<http://example.org/graphs/lab-a/>,data=<http://example.org/graphs/lab-b/>:KEY
          lyon data=http://example.org/graphs/lyon/,registry=FR 3f5a…(64 hex digits)      (a line of --keys FILE)
        """;

    public static int Run(CliArguments args)
    {
        string db = args.Option("db") ?? throw new CliUsageException("--db FILE is required");
        var options = ReadOptions(args, db);
        bool stopWithStdin = args.Flag("stop-with-stdin");
        args.Expect(0);
        return Serve(options, banner: null, stopWithStdin);
    }

    /// <summary>The options <c>serve</c> and <c>demo</c> share.</summary>
    internal static NodeOptions ReadOptions(CliArguments args, string db) => CheckGrpcUrls(new()
    {
        Database = db,
        Urls = args.Option("urls") ?? "http://127.0.0.1:5080",
        BaseIri = args.Option("base-iri"),
        Country = args.Option("country")?.ToUpperInvariant(),
        ApiKey = args.Option("api-key") ?? NullIfEmpty(Environment.GetEnvironmentVariable("DIHNODE_API_KEY")),
        // Access: named credentials with roles and the proxies whose Forwarded and X-Forwarded-For are believed (AccessArguments).
        Credentials = AccessArguments.ReadCredentials(args),
        KeysFile = args.Option("keys"),
        TrustedProxies = AccessArguments.ReadTrustedProxies(args),
        // How long a registry write waits for another process's database lock before 503 (HubRegistry.LockWait).
        LockWait = args.Seconds("lock-wait", HubRegistry.MaxLockWait) ?? HubRegistry.DefaultLockWait,
        GrpcUrls = args.Option("grpc-urls"),
        CatalogTitle = args.Option("catalog-title"),
        PublisherName = args.Option("publisher"),
        PublicUrl = args.Option("public-url"),
        Federation = PeerArguments.Read(args),
    });

    /// <summary>A node with a certificate serves gRPC over mutual TLS only (<c>https://</c>), and an <c>https://</c> gRPC URL needs the certificate.</summary>
    private static NodeOptions CheckGrpcUrls(NodeOptions options)
    {
        bool tls = options.Federation?.Certificate is not null;
        foreach (string url in (options.GrpcUrls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            bool https = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            if (tls && !https) throw new CliUsageException($"--grpc-urls {url}: the node has a certificate (--grpc-cert), so its gRPC endpoint takes mutual TLS only: give https://HOST:PORT");
            if (!tls && https) throw new CliUsageException($"--grpc-urls {url}: an https:// gRPC endpoint needs the node's certificate (--grpc-cert FILE.pfx)");
        }
        return options;
    }

    /// <summary>Opens the database, starts the server, prints where it listens, and waits for shutdown.</summary>
    /// <param name="stopWithStdin">
    /// Stop when standard input closes (<c>--stop-with-stdin</c>): a parent that starts nodes as child processes
    /// (<c>network demo</c>) holds their input open, so they end with it even when it is killed.
    /// </param>
    internal static int Serve(NodeOptions options, Func<NodeStore, WebApplication, string>? banner, bool stopWithStdin = false)
    {
        NodeStore store;
        try
        {
            store = NodeStore.Open(options.Database, options.BaseIri, options.LockWait);
        }
        catch (Exception e) when (e is StoreFileException or InvalidOperationException or FormatException or DatabaseLockedException)
        {
            Console.Error.WriteLine($"dihnode: {e.Message}");
            return CommandLine.Invalid;
        }
        using (store)
        {
            WebApplication app;
            try
            {
                app = NodeServer.Build(options, store);
                app.Start();
            }
            catch (FormatException e) // an address that cannot be listened on as given (scheme, host)
            {
                Console.Error.WriteLine($"dihnode: {e.Message}");
                return CommandLine.Invalid;
            }
            // SIGHUP is taken over before any line is printed (some promise it): a signal sent on seeing them
            // must reload, not end the process with SIGHUP's default action.
            using var hangup = HangupReloads(options, app);
            foreach (string url in app.Urls) Console.Out.WriteLine($"dihnode listening on {url}");
            if (options.Federation is { } f)
                Console.Out.WriteLine($"federation: node '{f.NodeName}'{(f.Aggregator ? ", aggregator" : "")}, gRPC on {options.GrpcUrls ?? "(none: --grpc-urls not given)"}, peers: {(f.Peers.Count == 0 ? "none" : string.Join(", ", f.Peers.Select(p => $"{p.Name} {p.Url}")))}");
            if (options.Federation?.Certificate is { } certificate)
                Console.Out.WriteLine($"federation: mutual TLS, this node's certificate SHA-256 {DihNode.Federation.Trust.NodeCertificate.Thumbprint(certificate)} (valid to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}); peers pinned: {string.Join(", ", options.Federation.Peers.Select(p => p.CertificatePins.Count > 1 ? $"{p.Name} ({p.CertificatePins.Count} certificates)" : p.Name))}; the certificate file is re-read when it changes and on SIGHUP");
            if (banner is not null) Console.Out.WriteLine(banner(store, app));
            Console.Out.WriteLine(AccessArguments.Describe(options));
            if (stopWithStdin)
                new Thread(() =>
                {
                    try { while (Console.In.ReadLine() is not null) { } } catch (IOException) { }
                    app.Lifetime.StopApplication();
                }) { IsBackground = true, Name = "stdin watch" }.Start();
            app.WaitForShutdown();
        }
        return CommandLine.Ok;
    }

    /// <summary>
    /// SIGHUP re-reads the files the node watches instead of ending the process, as nginx and PostgreSQL reload on it:
    /// the keys file (<see cref="KeysFileReloader.Reload"/>) and the gRPC certificate
    /// (<see cref="Federation.CertificateFileReloader.Reload"/>), one registration for both. Null without either (SIGHUP
    /// keeps its default) and on Windows (no SIGHUP to send).
    /// </summary>
    private static PosixSignalRegistration? HangupReloads(NodeOptions options, WebApplication app)
    {
        if (OperatingSystem.IsWindows()) return null;
        var keys = options.KeysFile is null ? null : app.Services.GetRequiredService<KeysFileReloader>();
        var certificate = options.Federation?.CertificateFile is null ? null : app.Services.GetRequiredService<Federation.CertificateFileReloader>();
        if (keys is null && certificate is null) return null;
        return HangupSignal.Register(() =>
        {
            keys?.Reload("SIGHUP", explicitly: true);
            certificate?.Reload("SIGHUP", explicitly: true);
        });
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
