using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DihNode.Federation.Trust;

/// <summary>
/// A node's own TLS certificate for mutual TLS on its gRPC links (README, "Mutual TLS"): made by
/// <c>dihnode cert</c>, read from a PKCS#12 file by <c>dihnode serve --grpc-cert</c>, and named to peers by
/// its SHA-256 thumbprint, which they pin. Peers trust the pin, not a CA or a host name, so a self-signed
/// certificate is what a node needs.
/// </summary>
public static class NodeCertificate
{
    /// <summary>TLS Web Server Authentication (RFC 5280, 4.2.1.12).</summary>
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>TLS Web Client Authentication (RFC 5280, 4.2.1.12).</summary>
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// A new self-signed certificate for node <paramref name="name"/>: ECDSA P-256 with SHA-256, both the
    /// server and the client EKU (a node is both on every link), a subject alternative name per host
    /// (IP addresses as such, anything else as a DNS name), valid from an hour ago for <paramref name="validity"/>.
    /// </summary>
    public static X509Certificate2 Create(string name, IEnumerable<string> hosts, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName("dihnode " + name);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuth), new Oid(ClientAuth)], false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (string host in hosts)
        {
            if (IPAddress.TryParse(host, out var address)) san.AddIpAddress(address);
            else san.AddDnsName(host);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddHours(-1), now + validity);
    }

    /// <summary>The certificate and its private key as PKCS#12 bytes (AES-256 and SHA-256 when a password is given).</summary>
    public static byte[] ExportPkcs12(X509Certificate2 certificate, string? password) =>
        certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);

    /// <summary>
    /// Reads this node's certificate from a PKCS#12 file, refusing (with the file named) one that cannot be
    /// read, needs another password, has no private key, is outside its validity period, or lacks the server
    /// or client EKU. The key never appears in a message.
    /// </summary>
    public static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new NodeCertificateException($"{path}: no such file");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            throw new NodeCertificateException($"{path}: not a readable PKCS#12 file, or the password is wrong ({e.Message.TrimEnd('.')})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeCertificateException($"{path}: {e.Message}");
        }
        try
        {
            if (!certificate.HasPrivateKey) throw new NodeCertificateException($"{path}: the certificate has no private key (export it with its key, e.g. dihnode cert)");
            var now = DateTime.Now;
            if (now < certificate.NotBefore || now > certificate.NotAfter)
                throw new NodeCertificateException($"{path}: the certificate is valid from {Utc(certificate.NotBefore)} to {Utc(certificate.NotAfter)} only");
            if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } eku)
            {
                var usages = eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToHashSet();
                if (!usages.Contains(ServerAuth) || !usages.Contains(ClientAuth))
                    throw new NodeCertificateException($"{path}: the certificate must allow both TLS server and client authentication (EKU {ServerAuth} and {ClientAuth})");
            }
            return certificate;
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>The SHA-256 thumbprint as 64 upper-case hex digits: what peers pin.</summary>
    public static string Thumbprint(X509Certificate certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>
    /// A pin as written by an operator (upper or lower case, optionally with ':' or spaces between bytes,
    /// as other tools print thumbprints) in the form <see cref="Thumbprint"/> gives; null when it is not 32 bytes of hex.
    /// </summary>
    public static string? ParsePin(string text)
    {
        string hex = string.Concat(text.Where(c => c is not (':' or ' '))).ToUpperInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex : null;
    }

    /// <summary>Whether <paramref name="certificate"/> is the one pinned by <paramref name="pin"/> and within its validity period.</summary>
    internal static bool Matches(X509Certificate certificate, string? pin)
    {
        if (pin is null) return false;
        var c = certificate as X509Certificate2;
        var now = DateTime.Now;
        if (c is not null && (now < c.NotBefore || now > c.NotAfter)) return false;
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Thumbprint(certificate)), System.Text.Encoding.ASCII.GetBytes(pin));
    }

    private static string Utc(DateTime local) => local.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>A node certificate that cannot be used; the message names the file and the reason.</summary>
public sealed class NodeCertificateException(string message) : Exception(message);
