using System.Globalization;
using DihNode.Federation;
using DihNode.Federation.Trust;

namespace DihNode.Node.Cli;

/// <summary>
/// <c>dihnode cert --name NODE --out FILE.pfx [--host H1,H2,...] [--days N] [--password PW]</c>: makes the
/// node's certificate for mutual TLS on its gRPC links (<see cref="NodeCertificate.Create"/>: ECDSA P-256,
/// server and client EKU, a SAN per host; 730 days) and writes it with its private key as PKCS#12, readable by
/// the owner only. Prints the SHA-256 thumbprint, which the node's peers pin (<c>--peer-cert NODE=SHA256</c>);
/// the key is never printed. An existing file is not overwritten.
/// </summary>
internal static class CertCommand
{
    public const string Synopsis = "cert --name NODE --out FILE.pfx [--host HOST,...] [--days N] [--password PW]";

    public static int Run(CliArguments args)
    {
        string name = args.Option("name") ?? throw new CliUsageException("--name NODE is required (the node's name in the federation)");
        string output = args.Option("out") ?? throw new CliUsageException("--out FILE.pfx is required");
        string[] hosts = (args.Option("host") ?? "localhost,127.0.0.1").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? daysText = args.Option("days");
        string? password = args.Option("password") ?? NullIfEmpty(Environment.GetEnvironmentVariable("DIHNODE_GRPC_CERT_PASSWORD"));
        args.Expect(0);
        if (!PeerLink.IsValidName(name)) throw new CliUsageException($"--name '{name}': use letters, digits, '-' or '_'");
        if (hosts.Length == 0) throw new CliUsageException("--host: give at least one host name or IP address");
        int days = 730;
        if (daysText is not null && (!int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > 3650))
            throw new CliUsageException($"--days '{daysText}': a number of days from 1 to 3650");
        if (File.Exists(output)) throw new CliUsageException($"--out {output}: the file exists; remove it first (it may hold another node's key)");

        using var certificate = NodeCertificate.Create(name, hosts, TimeSpan.FromDays(days));
        byte[] pfx = NodeCertificate.ExportPkcs12(certificate, password);
        var write = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) write.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(output, write)) file.Write(pfx);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(pfx);

        string thumbprint = NodeCertificate.Thumbprint(certificate);
        Console.Out.WriteLine($"certificate for node '{name}' written to {output} (with its private key{(password is null ? ", no password" : "")})");
        Console.Out.WriteLine($"subject: {certificate.Subject}");
        Console.Out.WriteLine($"hosts: {string.Join(", ", hosts)}");
        Console.Out.WriteLine($"valid: {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
        Console.Out.WriteLine($"sha256: {thumbprint}");
        Console.Out.WriteLine($"peers pin it with: --peer-cert {name}={thumbprint}");
        return CommandLine.Ok;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
