using DihNode.Federation;
using DihNode.Federation.Client;
using DihNode.Federation.Trust;

namespace DihNode.Node.Cli;

/// <summary>
/// The federation options of <c>serve</c>: <c>--node-name NAME</c>, <c>--grpc-urls URL</c>,
/// <c>--peer NAME=URL</c> (repeatable), <c>--peer-secret NAME=SECRET</c> (repeatable; or the environment
/// variable <c>DIHNODE_PEER_SECRET_NAME</c>, which keeps secrets out of process listings), or
/// <c>--peers FILE</c> (one <c>NAME URL SECRET [SHA256]</c> per line, <c>#</c> comments), and <c>--aggregator</c>.
/// Mutual TLS (federation/README.md, "Mutual TLS"): <c>--grpc-cert FILE.pfx</c> (this node's certificate;
/// <c>--grpc-cert-password PW</c> or <c>DIHNODE_GRPC_CERT_PASSWORD</c>) and <c>--peer-cert NAME=SHA256[,SHA256...]</c>
/// (repeatable: the pins of a peer's certificates; repeating a name adds pins, so a peer can renew its
/// certificate while both the old and the new are accepted).
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
        peers = Pin(peers, args.Options("peer-cert"));
        string? certificateFile = args.Option("grpc-cert");
        string? password = args.Option("grpc-cert-password") ?? NullIfEmpty(Environment.GetEnvironmentVariable("DIHNODE_GRPC_CERT_PASSWORD"));
        if (name is null)
        {
            if (peers.Count > 0 || aggregator || certificateFile is not null)
                throw new CliUsageException("--peer, --peers, --grpc-cert and --aggregator need --node-name NAME (this node's name in the federation)");
            return null;
        }
        if (!PeerLink.IsValidName(name)) throw new CliUsageException($"--node-name '{name}': use letters, digits, '-' or '_'");
        if (aggregator && peers.Count == 0) throw new CliUsageException("--aggregator needs at least one --peer");
        var certificate = certificateFile is null ? null : LoadCertificate(certificateFile, password);
        foreach (var peer in peers.Where(p => p.Url.Scheme == Uri.UriSchemeHttps))
        {
            if (certificate is null) throw new CliUsageException($"peer '{peer.Name}' is at {peer.Url} (TLS): give this node's certificate with --grpc-cert FILE.pfx");
            if (peer.CertificatePins.Count == 0) throw new CliUsageException($"peer '{peer.Name}' is at {peer.Url} (TLS): pin its certificate with --peer-cert {peer.Name}=SHA256");
        }
        if (certificate is not null && peers.FirstOrDefault(p => p.CertificatePins.Count == 0) is { } unpinned)
            throw new CliUsageException($"--grpc-cert: the gRPC endpoint takes mutual TLS only, so peer '{unpinned.Name}' could never call this node: pin its certificate with --peer-cert {unpinned.Name}=SHA256");
        return new FederationOptions
        {
            NodeName = name, Peers = peers, Aggregator = aggregator, Certificate = certificate,
            // Re-read when it changes and on SIGHUP (CertificateFileReloader), with the same password.
            CertificateFile = certificateFile is null ? null : new NodeCertificateFile(Path.GetFullPath(certificateFile), password),
        };
    }

    /// <summary>
    /// Reads the node's certificate (<c>--grpc-cert FILE.pfx</c>, password from <c>--grpc-cert-password</c> or
    /// <c>DIHNODE_GRPC_CERT_PASSWORD</c>); a file that cannot serve is refused before the node starts.
    /// </summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(string file, string? password)
    {
        try
        {
            return NodeCertificate.Load(file, password);
        }
        catch (NodeCertificateException e)
        {
            throw new CliUsageException("--grpc-cert " + e.Message);
        }
    }

    /// <summary>
    /// Applies <c>--peer-cert NAME=SHA256[,SHA256...]</c> pins to the configured peers: a repeated name adds
    /// pins to the peer's (and to a pin its peers-file line gave), the same pin twice counts once. A pin
    /// given for two peers is refused: a certificate belongs to one node, and the link proof's peer must be
    /// the certificate's.
    /// </summary>
    private static List<PeerLink> Pin(List<PeerLink> peers, IReadOnlyList<string> values)
    {
        var pins = peers.ToDictionary(p => p.Name, p => p.CertificatePins.ToList(), StringComparer.Ordinal);
        foreach (string value in values)
        {
            var (peer, text) = Pair(value, "--peer-cert");
            if (!pins.TryGetValue(peer, out var list)) throw new CliUsageException($"--peer-cert {peer}: no such peer (--peer {peer}=URL)");
            foreach (string pin in ParsePins(text, $"--peer-cert {peer}"))
                if (!list.Contains(pin)) list.Add(pin);
        }
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (peer, list) in pins)
            foreach (string pin in list)
                if (!owner.TryAdd(pin, peer))
                    throw new CliUsageException($"--peer-cert {peer}: {pin} is pinned for peer '{owner[pin]}' too; a certificate belongs to one node");
        return [.. peers.Select(p => p with { CertificatePins = pins[p.Name] })];
    }

    /// <summary>
    /// A comma-separated list of pins (<c>SHA256[,SHA256...]</c>), each as <see cref="NodeCertificate.ParsePin"/>
    /// takes it; an error names <paramref name="where"/>, the pin's position and its text.
    /// </summary>
    private static IEnumerable<string> ParsePins(string text, string where)
    {
        string[] parts = text.Split(',');
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i].Trim();
            string position = parts.Length == 1 ? "" : $" (pin {i + 1} of {parts.Length} in '{text}')";
            if (part.Length == 0) throw new CliUsageException($"{where}: empty pin{position}");
            yield return NodeCertificate.ParsePin(part)
                ?? throw new CliUsageException($"{where}: '{part}'{position} is not a SHA-256 thumbprint (64 hex digits, as dihnode cert prints it)");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

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
            if (parts.Length is not (3 or 4)) throw new CliUsageException($"{file}:{i + 1}: expected NAME URL SECRET [SHA256[,SHA256...]]");
            var link = Link(parts[0], parts[1], parts[2], $"{file}:{i + 1}");
            if (parts.Length == 4)
                link = link with { CertificatePins = [.. ParsePins(parts[3], $"{file}:{i + 1}, field 4").Distinct()] };
            yield return link;
        }
    }

    private static PeerLink Link(string name, string url, string secret, string where)
    {
        if (!PeerLink.IsValidName(name)) throw new CliUsageException($"{where}: peer name '{name}': use letters, digits, '-' or '_'");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliUsageException($"{where}: '{url}' is not an http(s) URL of the peer's gRPC endpoint");
        if (PeerAddressPolicy.CheckConfigured(uri) is string refused)
            throw new CliUsageException($"{where}: peer '{name}' at '{url}': {refused}");
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
