using System.Security.Cryptography.X509Certificates;
using DihNode.Federation;
using DihNode.Federation.Trust;
using DihNode.Node.Hosting;
using Microsoft.Extensions.Logging;

namespace DihNode.Node.Federation;

/// <summary>
/// Re-reads this node's certificate file (<c>--grpc-cert</c>, <see cref="FederationOptions.CertificateFile"/>) while
/// the node runs, so a renewed certificate is presented without a restart (federation/README.md, "Renewing a
/// certificate"). Triggers: a change of the file (<see cref="WatchedFile"/>: replaced by <c>mv</c>, rewritten, a
/// Kubernetes secret volume swapping its link; debounced, and read every 30 s in case an event was lost) and
/// <see cref="Reload"/> called explicitly (<c>serve</c> calls it on SIGHUP, as for the keys file).
/// <para>
/// A good file (the checks of the first read: <see cref="NodeCertificate.Load"/>) with another certificate becomes
/// the node's certificate at once (<see cref="FederationOptions.ReplaceCertificate"/>): every TLS handshake from
/// then on, as the gRPC server and as a client of its peers, presents it; connections already open keep the old one
/// until they close. The new SHA-256 thumbprint is logged. A file that cannot be used (missing, not PKCS#12, wrong
/// password, no private key, outside its validity period, without the server and client EKU) keeps the certificate
/// in force and is logged once as a warning naming the file and the reason, never the password or key.
/// </para>
/// </summary>
internal sealed partial class CertificateFileReloader : ReloadedFile
{
    private readonly FederationOptions _options;
    private readonly NodeCertificateFile _file;
    private readonly ILogger<CertificateFileReloader> _logger;
    private readonly Lock _gate = new();

    /// <summary>The last problem logged, so the same broken file is logged once, not on every event.</summary>
    private string? _loggedProblem;

    public CertificateFileReloader(FederationOptions options, ILogger<CertificateFileReloader> logger)
        : base((options.CertificateFile ?? throw new ArgumentException("the node has no certificate file (--grpc-cert)", nameof(options))).Path)
    {
        _options = options;
        _file = options.CertificateFile!;
        _logger = logger;
    }

    private protected override void ReadNow(string trigger, bool explicitly) => Reload(trigger, explicitly);

    private protected override void NotWatched(string reason) => NotWatched(_logger, _file.Path, reason);

    /// <summary>
    /// Reads the file now and makes its certificate the node's if it is good and another one. <paramref name="trigger"/>
    /// is logged (<c>SIGHUP</c>, <c>change</c>); <paramref name="explicitly"/> (an operator asked): the outcome is logged
    /// even when nothing changed or the problem was logged before. Returns the certificate in force after the read.
    /// </summary>
    public X509Certificate2 Reload(string trigger, bool explicitly)
    {
        lock (_gate)
        {
            var current = _options.Certificate!;
            X509Certificate2 read;
            try
            {
                read = _file.Load();
            }
            catch (NodeCertificateException e)
            {
                if (explicitly || e.Message != _loggedProblem) Kept(_logger, trigger, e.Message, NodeCertificate.Thumbprint(current));
                _loggedProblem = e.Message;
                return current;
            }
            _loggedProblem = null;
            string thumbprint = NodeCertificate.Thumbprint(read);
            if (thumbprint == NodeCertificate.Thumbprint(current))
            {
                read.Dispose();
                if (explicitly) Unchanged(_logger, _file.Path, trigger, thumbprint);
                return current;
            }
            _options.ReplaceCertificate(read);
            Replaced(_logger, _file.Path, trigger, thumbprint, read.NotAfter.ToUniversalTime(), NodeCertificate.Thumbprint(current));
            return read;
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "gRPC certificate {File} reloaded ({Trigger}): new connections present SHA-256 {Thumbprint} (valid to {NotAfter:yyyy-MM-dd HH:mm} UTC) instead of {Previous}; open connections keep the previous one until they close")]
    private static partial void Replaced(ILogger logger, string file, string trigger, string thumbprint, DateTime notAfter, string previous);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "gRPC certificate {File} read ({Trigger}): unchanged, SHA-256 {Thumbprint}")]
    private static partial void Unchanged(ILogger logger, string file, string trigger, string thumbprint);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "gRPC certificate not reloaded ({Trigger}): {Problem}; the certificate in force (SHA-256 {Thumbprint}) stays")]
    private static partial void Kept(ILogger logger, string trigger, string problem, string thumbprint);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "gRPC certificate {File}: changes may not be seen at once ({Reason}); it is read every 30 s, and on SIGHUP")]
    private static partial void NotWatched(ILogger logger, string file, string reason);
}
