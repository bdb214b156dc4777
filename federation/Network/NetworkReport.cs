using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace DihNode.Federation.Network;

/// <summary>
/// What one network-mode request learnt about its peers: which answered (with how fresh their data is:
/// the feed sequence of their statistics and the time of their last answer) and which were missing and
/// why. A request with a missing peer is partial; the endpoint says so in headers and in the body.
/// </summary>
public sealed class NetworkReport
{
    private readonly ConcurrentDictionary<string, PeerAnswer> _answered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _missing = new(StringComparer.Ordinal);

    /// <summary>The peers that answered every call of the request, by name.</summary>
    public IReadOnlyList<PeerAnswer> Answered => [.. _answered.Values.Where(a => !_missing.ContainsKey(a.Peer)).OrderBy(a => a.Peer, StringComparer.Ordinal)];

    /// <summary>The peers that could not be asked or failed during the request, with the reason.</summary>
    public IReadOnlyList<(string Peer, string Reason)> Missing => [.. _missing.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (m.Key, m.Value))];

    /// <summary>True when a peer is missing: the answer may lack its part.</summary>
    public bool Partial => !_missing.IsEmpty;

    internal bool IsMissing(string peer) => _missing.ContainsKey(peer);

    internal void Answer(string peer, long sequence) =>
        _answered.AddOrUpdate(peer, _ => new PeerAnswer(peer, sequence, DateTime.UtcNow), (_, old) => old with { Sequence = Math.Max(old.Sequence, sequence), At = DateTime.UtcNow });

    internal void Miss(string peer, string reason) => _missing.TryAdd(peer, reason);

    /// <summary><c>es;seq=120;at=2025-01-01T10:00:00.000Z, it;…</c> (header <c>X-DihNode-Peers-Answered</c>).</summary>
    public string AnsweredHeader() => string.Join(", ", Answered.Select(a =>
        $"{a.Peer};seq={a.Sequence.ToString(CultureInfo.InvariantCulture)};at={a.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}"));

    /// <summary><c>de;reason="…"</c> (header <c>X-DihNode-Peers-Missing</c>); reasons are ASCII with quotes removed.</summary>
    public string MissingHeader() => string.Join(", ", Missing.Select(m => $"{m.Peer};reason=\"{HeaderText(m.Reason)}\""));

    /// <summary>The JSON object of the SPARQL JSON member <c>dihnode:network</c>.</summary>
    public string ToJson()
    {
        var sb = new StringBuilder("{ \"partial\": ").Append(Partial ? "true" : "false").Append(", \"answered\": [");
        sb.AppendJoin(", ", Answered.Select(a => $"{{ \"peer\": {Json(a.Peer)}, \"sequence\": {a.Sequence.ToString(CultureInfo.InvariantCulture)}, \"answeredAt\": {Json(a.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))} }}"));
        sb.Append("], \"missing\": [");
        sb.AppendJoin(", ", Missing.Select(m => $"{{ \"peer\": {Json(m.Peer)}, \"reason\": {Json(m.Reason)} }}"));
        return sb.Append("] }").ToString();
    }

    private static string HeaderText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text) sb.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : ' ');
        return sb.Length > 300 ? sb.ToString(0, 300) : sb.ToString();
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}

/// <summary>A peer that answered: its feed sequence (from its statistics) and when it last answered.</summary>
public sealed record PeerAnswer(string Peer, long Sequence, DateTime At);
