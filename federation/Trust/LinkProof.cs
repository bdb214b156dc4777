using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DihNode.Federation.Trust;

/// <summary>
/// The per-link shared-secret proofs (README, "Trust"). A caller never sends the secret: it sends its
/// name, the time, a fresh nonce and HMAC-SHA256(secret, "call", name, time, nonce, method); the server
/// answers with HMAC-SHA256(secret, "answer", server name, nonce) in its response headers, so the caller
/// knows it reached the peer it meant and not an impostor. Compared in constant time.
/// </summary>
internal static class LinkProof
{
    public const string NodeHeader = "dihnode-node";
    public const string TimeHeader = "dihnode-time";
    public const string NonceHeader = "dihnode-nonce";
    public const string ProofHeader = "dihnode-proof";
    public const string AnswerHeader = "dihnode-answer";

    public static string Call(string secret, string caller, long unixSeconds, string nonce, string method) =>
        Mac(secret, "call", caller, unixSeconds.ToString(CultureInfo.InvariantCulture), nonce, method);

    public static string Answer(string secret, string server, string nonce) => Mac(secret, "answer", server, nonce);

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool Same(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));

    private static string Mac(string secret, params string[] parts) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Join('\n', parts))));
}
