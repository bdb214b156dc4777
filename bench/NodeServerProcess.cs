using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DihNode.Bench;

/// <summary>
/// A real node as its own process, as a platform runs it: the data loaded with <c>dihnode load</c> into a
/// graph of a fresh node's RDF store, then <c>dihnode serve</c> on a free loopback port. The node's default
/// graph is the union of its graphs, so the queries see the data without FROM. Killed on dispose.
/// </summary>
internal sealed class NodeServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NodeServerProcess(Process process, string folder, Uri sparql)
    {
        _process = process;
        _folder = folder;
        Sparql = sparql;
    }

    public Uri Sparql { get; }

    /// <summary>The <c>dihnode</c> program built beside this harness (the bench project references the node).</summary>
    private static string Program => Path.Combine(AppContext.BaseDirectory, "dihnode.dll");

    public static (NodeServerProcess Node, double LoadMs) Start(string data)
    {
        string folder = Directory.CreateTempSubdirectory("dihnode-bench-node-").FullName;
        string db = Path.Combine(folder, "node.db");
        // The data goes into a graph of the node's RDF store (FILE.rdf beside the registry), which `serve`
        // then opens with a new, empty registry: no hubs and no reference vocabularies, only the data.
        double loadMs = ExternalProcess.Run("dotnet", [Program, "load", "--db", db + ".rdf", "--graph", "urn:dih:bench", Path.GetFullPath(data)]).WallMs;
        int port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { Program, "serve", "--db", db, "--urls", $"http://127.0.0.1:{port}" }) psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var node = new NodeServerProcess(process, folder, new Uri($"http://127.0.0.1:{port}/sparql"));
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("dihnode listening on", StringComparison.Ordinal)) { }
        if (line is null) throw new InvalidOperationException("dihnode serve ended before it listened");
        _ = process.StandardOutput.ReadToEndAsync();
        return (node, loadMs);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
