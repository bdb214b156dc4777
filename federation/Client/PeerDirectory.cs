using Microsoft.Extensions.Logging;

namespace DihNode.Federation.Client;

/// <summary>The configured peers and one <see cref="PeerClient"/> (channel, breaker) each, for the life of the node.</summary>
public sealed class PeerDirectory : IDisposable
{
    private readonly Dictionary<string, PeerClient> _clients;

    /// <param name="log">Where each peer's client logs refused addresses (<see cref="PeerAddressPolicy"/>).</param>
    public PeerDirectory(FederationOptions options, Func<PeerLink, HttpMessageHandler?>? handlers = null, ILogger? log = null)
    {
        _clients = options.Peers.ToDictionary(p => p.Name, p => new PeerClient(p, options, handlers?.Invoke(p), log), StringComparer.Ordinal);
    }

    public IEnumerable<PeerClient> Clients => _clients.Values;

    public PeerClient? Find(string name) => _clients.GetValueOrDefault(name);

    /// <summary>
    /// The peer a SPARQL SERVICE IRI names: <c>urn:dihnode:peer:NAME</c> or the peer's configured URL
    /// (trailing slash ignored) or one of its <see cref="PeerLink.ServiceAliases"/>. Null for anything else: such a SERVICE is refused, no request leaves.
    /// </summary>
    public PeerClient? ForService(string iri)
    {
        foreach (var client in _clients.Values)
        {
            if (iri == client.Link.ServiceIri || client.Link.ServiceAliases.Contains(iri, StringComparer.Ordinal)) return client;
            if (string.Equals(iri.TrimEnd('/'), client.Link.Url.OriginalString.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) return client;
        }
        return null;
    }

    public void Dispose()
    {
        foreach (var c in _clients.Values) c.Dispose();
    }
}
