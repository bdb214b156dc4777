using DihNode.Federation;

namespace DihNode.Node.Cli;

/// <summary>
/// The federation options of <c>serve</c>: <c>--node-name NAME</c>, <c>--grpc-urls URL</c>,
/// <c>--peer NAME=URL</c> (repeatable), <c>--peer-secret NAME=SECRET</c> (repeatable; or the environment
/// variable <c>DIHNODE_PEER_SECRET_NAME</c>, which keeps secrets out of process listings), or
/// <c>--peers FILE</c> (one <c>NAME URL SECRET</c> per line, <c>#</c> comments), and <c>--aggregator</c>.
/// </summary>
internal static class PeerArguments
{
    public static FederationOptions? Read(CliArguments args)
    {
        string? name = args.Option("node-name");
        bool aggregator = args.Flag("aggregator");
        var peers = new List<PeerLink>();
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string value in args.Options("peer-secret"))
        {
            var (peer, secret) = Pair(value, "--peer-secret");
            secrets[peer] = secret;
        }
        foreach (string value in args.Options("peer"))
        {
            var (peer, url) = Pair(value, "--peer");
            string secret = secrets.GetValueOrDefault(peer)
                ?? Environment.GetEnvironmentVariable("DIHNODE_PEER_SECRET_" + peer.ToUpperInvariant().Replace('-', '_'))
                ?? throw new CliUsageException($"--peer {peer}: no secret for the link (--peer-secret {peer}=SECRET or DIHNODE_PEER_SECRET_{peer.ToUpperInvariant()})");
            peers.Add(Link(peer, url, secret, "--peer"));
        }
        if (args.Option("peers") is string file) peers.AddRange(ReadFile(file));
        if (peers.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1) is { } twice) throw new CliUsageException($"peer '{twice.Key}' is configured twice");
        if (name is null)
        {
            if (peers.Count > 0 || aggregator) throw new CliUsageException("--peer, --peers and --aggregator need --node-name NAME (this node's name in the federation)");
            return null;
        }
        if (!PeerLink.IsValidName(name)) throw new CliUsageException($"--node-name '{name}': use letters, digits, '-' or '_'");
        if (aggregator && peers.Count == 0) throw new CliUsageException("--aggregator needs at least one --peer");
        return new FederationOptions { NodeName = name, Peers = peers, Aggregator = aggregator };
    }

    private static IEnumerable<PeerLink> ReadFile(string file)
    {
        string[] lines;
        try { lines = File.ReadAllLines(file); }
        catch (IOException e) { throw new CliUsageException($"--peers {file}: {e.Message}"); }
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3) throw new CliUsageException($"{file}:{i + 1}: expected NAME URL SECRET");
            yield return Link(parts[0], parts[1], parts[2], $"{file}:{i + 1}");
        }
    }

    private static PeerLink Link(string name, string url, string secret, string where)
    {
        if (!PeerLink.IsValidName(name)) throw new CliUsageException($"{where}: peer name '{name}': use letters, digits, '-' or '_'");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliUsageException($"{where}: '{url}' is not an http(s) URL of the peer's gRPC endpoint");
        if (secret.Length < 16) throw new CliUsageException($"{where}: the secret for '{name}' is shorter than 16 characters");
        return new PeerLink(name, uri, secret);
    }

    private static (string, string) Pair(string value, string option)
    {
        int eq = value.IndexOf('=');
        if (eq <= 0 || eq == value.Length - 1) throw new CliUsageException($"{option} '{value}': expected NAME=VALUE");
        return (value[..eq], value[(eq + 1)..]);
    }
}
