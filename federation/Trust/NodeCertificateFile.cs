namespace DihNode.Federation.Trust;

/// <summary>
/// Where this node's certificate comes from: the PKCS#12 file of <c>--grpc-cert</c> and its password, so the
/// node can read it again (<see cref="NodeCertificate.Load"/>) when the file is renewed. <see cref="ToString"/>
/// names the file only: the password never appears in a log or a message.
/// </summary>
public sealed class NodeCertificateFile(string path, string? password)
{
    public string Path { get; } = path;

    public string? Password { get; } = password;

    /// <summary>Reads the file as the node did at start (same checks); throws <see cref="NodeCertificateException"/> naming the file.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 Load() => NodeCertificate.Load(Path, Password);

    public override string ToString() => Path;
}
