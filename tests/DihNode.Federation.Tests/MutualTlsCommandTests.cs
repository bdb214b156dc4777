using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using DihNode.Federation.Client;
using DihNode.Federation.Trust;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// The operator's side of mutual TLS, through the <c>dihnode</c> program built beside the tests:
/// <c>dihnode cert</c> makes the certificate and prints the thumbprint peers pin; <c>dihnode serve
/// --grpc-cert</c> refuses a file it cannot use before it starts, and with a good one serves a pinned peer.
/// </summary>
public sealed partial class MutualTlsCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dihnode-mtls-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task TheCertCommandPrintsTheThumbprintOfTheFileItWrites()
    {
        string file = Path.Combine(_folder, "es.pfx");
        var (code, stdout, stderr) = await Dihnode("cert", "--name", "es", "--out", file, "--host", "127.0.0.1,localhost,es.example.org");
        output.WriteLine(stdout);
        Assert.True(code == 0, stderr);
        string printed = Sha256Line().Match(stdout).Groups[1].Value;
        Assert.Matches("^[0-9A-F]{64}$", printed);
        Assert.Contains($"--peer-cert es={printed}", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", stdout, StringComparison.Ordinal); // a PEM header
        Assert.DoesNotMatch("[A-Za-z0-9+/=]{80,}", stdout); // no key or certificate material, PEM or base64

        using var certificate = NodeCertificate.Load(file, null);
        Assert.Equal(printed, NodeCertificate.Thumbprint(certificate));
        Assert.True(certificate.HasPrivateKey);
        using (var key = certificate.GetECDsaPublicKey()) Assert.Equal(256, key!.KeySize);
        Assert.Equal("CN=dihnode es", certificate.Subject);
        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value);
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], eku);
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost", "es.example.org"], san.EnumerateDnsNames());
        Assert.Equal([System.Net.IPAddress.Loopback], san.EnumerateIPAddresses());
        Assert.InRange((certificate.NotAfter - DateTime.Now).TotalDays, 729, 731);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        // An existing file (another key, perhaps) is never overwritten.
        byte[] before = await File.ReadAllBytesAsync(file);
        (code, _, stderr) = await Dihnode("cert", "--name", "es", "--out", file);
        Assert.Equal(2, code);
        Assert.Contains("exists", stderr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task ServeRefusesACertificateFileItCannotUseBeforeStarting()
    {
        string good = Path.Combine(_folder, "good.pfx"), noKey = Path.Combine(_folder, "nokey.pfx"), garbage = Path.Combine(_folder, "garbage.pfx");
        var (code, _, stderr) = await Dihnode("cert", "--name", "es", "--out", good, "--password", "right-password");
        Assert.True(code == 0, stderr);
        using (var withKey = X509CertificateLoader.LoadPkcs12FromFile(good, "right-password"))
        using (var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData))
            await File.WriteAllBytesAsync(noKey, publicOnly.Export(X509ContentType.Pkcs12));
        await File.WriteAllTextAsync(garbage, "not a certificate");

        string pin = new('A', 64);
        foreach (var (file, password, expected) in new[]
        {
            (good, "wrong-password", "the password is wrong"),
            (noKey, "", "no private key"),
            (garbage, "", "not a readable PKCS#12 file"),
            (Path.Combine(_folder, "missing.pfx"), "", "no such file"),
        })
        {
            (code, var stdout, stderr) = await Dihnode("serve", "--db", Path.Combine(_folder, "x.db"), "--node-name", "es", "--grpc-urls", "https://127.0.0.1:1",
                "--peer", "eu=https://127.0.0.1:2", "--peer-secret", $"eu={TestNode.Secret}", "--peer-cert", $"eu={pin}", "--grpc-cert", file, "--grpc-cert-password", password);
            output.WriteLine(stderr.Split('\n')[0]);
            Assert.Equal(2, code);
            Assert.Contains(file, stderr, StringComparison.Ordinal);
            Assert.Contains(expected, stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("listening", stdout, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(Path.Combine(_folder, "x.db")), "the node must refuse before it opens its database");

        // A certificate with a cleartext endpoint, or a TLS peer without a pin, is refused too.
        (code, _, stderr) = await Dihnode("serve", "--db", Path.Combine(_folder, "x.db"), "--node-name", "es", "--grpc-urls", "http://127.0.0.1:1",
            "--peer", "eu=https://127.0.0.1:2", "--peer-secret", $"eu={TestNode.Secret}", "--grpc-cert", good, "--grpc-cert-password", "right-password");
        Assert.Equal(2, code);
        Assert.Contains("--peer-cert eu=SHA256", stderr, StringComparison.Ordinal);
        (code, _, stderr) = await Dihnode("serve", "--db", Path.Combine(_folder, "x.db"), "--node-name", "es", "--grpc-urls", "http://127.0.0.1:1",
            "--peer", "eu=https://127.0.0.1:2", "--peer-secret", $"eu={TestNode.Secret}", "--peer-cert", $"eu={pin}", "--grpc-cert", good, "--grpc-cert-password", "right-password");
        Assert.Equal(2, code);
        Assert.Contains("takes mutual TLS only: give https://HOST:PORT", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "x.db")), "the node must refuse before it opens its database");
    }

    [Fact]
    public async Task ANodeServedWithACertificateAnswersItsPinnedPeerOnly()
    {
        string esFile = Path.Combine(_folder, "es.pfx"), euFile = Path.Combine(_folder, "eu.pfx");
        var (_, esOut, _) = await Dihnode("cert", "--name", "es", "--out", esFile, "--host", "127.0.0.1");
        var (_, euOut, _) = await Dihnode("cert", "--name", "eu", "--out", euFile, "--host", "127.0.0.1");
        string esPin = Sha256Line().Match(esOut).Groups[1].Value, euPin = Sha256Line().Match(euOut).Groups[1].Value;

        await using var es = TestNode.National("es", "ES");
        int grpcPort = es.GrpcUrl.Port;
        using var process = Start("serve", "--db", es.Database, "--urls", es.WebUrl.ToString().TrimEnd('/'), "--grpc-urls", $"https://127.0.0.1:{grpcPort}",
            "--node-name", "es", "--peer", "eu=https://127.0.0.1:1", "--peer-secret", $"eu={TestNode.Secret}", "--peer-cert", $"eu={euPin.ToLowerInvariant()}",
            "--grpc-cert", esFile, "--stop-with-stdin");
        try
        {
            string banner = await WaitForHealth(process, es.WebUrl);
            Assert.Contains($"mutual TLS, this node's certificate SHA-256 {esPin}", banner, StringComparison.Ordinal);

            var link = new PeerLink("es", new Uri($"https://127.0.0.1:{grpcPort}"), TestNode.Secret) { CertificatePins = [esPin] };
            using (var eu = NodeCertificate.Load(euFile, null))
                await HelloAnswered(link, eu);
            using (var es2 = NodeCertificate.Load(esFile, null))
                await HelloRefused(link, es2);
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task ServeRefusesAPinListItCannotReadNamingThePin()
    {
        string pin = new('A', 64), db = Path.Combine(_folder, "x.db"), peers = Path.Combine(_folder, "peers.txt");
        string[] links = ["serve", "--db", db, "--node-name", "es", "--grpc-urls", "http://127.0.0.1:1",
            "--peer", "eu=http://127.0.0.1:2", "--peer-secret", $"eu={TestNode.Secret}", "--peer", "de=http://127.0.0.1:3", "--peer-secret", $"de={TestNode.Secret}"];
        await File.WriteAllTextAsync(peers, $"# NAME URL SECRET PINS\nfr http://127.0.0.1:4 {TestNode.Secret} {pin},zz\n");
        foreach (var (args, expected) in new (string[], string)[]
        {
            ([.. links, "--peer-cert", $"eu={pin},xyz"], $"--peer-cert eu: 'xyz' (pin 2 of 2 in '{pin},xyz') is not a SHA-256 thumbprint"),
            ([.. links, "--peer-cert", $"eu={pin},"], $"--peer-cert eu: empty pin (pin 2 of 2 in '{pin},')"),
            ([.. links, "--peer-cert", "eu=12:34"], "--peer-cert eu: '12:34' is not a SHA-256 thumbprint"),
            ([.. links, "--peer-cert", $"eu={pin}", "--peer-cert", $"de={Colons(pin.ToLowerInvariant())}"], $"--peer-cert de: {pin} is pinned for peer 'eu' too"),
            ([.. links, "--peer-cert", $"it={pin}"], "--peer-cert it: no such peer"),
            (["serve", "--db", db, "--node-name", "es", "--grpc-urls", "http://127.0.0.1:1", "--peers", peers], $"{peers}:2, field 4: 'zz' (pin 2 of 2 in '{pin},zz') is not a SHA-256 thumbprint"),
        })
        {
            var (code, _, stderr) = await Dihnode(args);
            output.WriteLine(stderr.Split('\n')[0]);
            Assert.Equal(2, code);
            Assert.Contains(expected, stderr, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(db), "the node must refuse before it opens its database");
    }

    [Fact]
    public async Task ANodeServedWithTwoPinsForAPeerAnswersBothOfItsCertificates()
    {
        string esFile = Path.Combine(_folder, "es.pfx");
        using var esCert = NodeCertificate.Create("es", ["127.0.0.1"], TimeSpan.FromDays(1));
        await File.WriteAllBytesAsync(esFile, NodeCertificate.ExportPkcs12(esCert, null));
        using var euOld = Reload(NodeCertificate.Create("eu", ["127.0.0.1"], TimeSpan.FromDays(1)));
        using var euNew = Reload(NodeCertificate.Create("eu", ["127.0.0.1"], TimeSpan.FromDays(1)));
        string oldPin = NodeCertificate.Thumbprint(euOld), newPin = NodeCertificate.Thumbprint(euNew);

        await using var es = TestNode.National("es", "ES");
        int grpcPort = es.GrpcUrl.Port;
        // The old pin, then the new one (colons, lower case) repeating the old: two pins, the same one counted once.
        using var process = Start("serve", "--db", es.Database, "--urls", es.WebUrl.ToString().TrimEnd('/'), "--grpc-urls", $"https://127.0.0.1:{grpcPort}",
            "--node-name", "es", "--peer", "eu=https://127.0.0.1:1", "--peer-secret", $"eu={TestNode.Secret}",
            "--peer-cert", $"eu={oldPin}", "--peer-cert", $"eu={Colons(newPin.ToLowerInvariant())},{oldPin}", "--grpc-cert", esFile, "--stop-with-stdin");
        try
        {
            string banner = await WaitForHealth(process, es.WebUrl);
            Assert.Contains("peers pinned: eu (2 certificates)", banner, StringComparison.Ordinal);
            var link = new PeerLink("es", new Uri($"https://127.0.0.1:{grpcPort}"), TestNode.Secret) { CertificatePins = [NodeCertificate.Thumbprint(esCert)] };
            foreach (var certificate in new[] { euOld, euNew })
                await HelloAnswered(link, certificate);
            using var stranger = Reload(NodeCertificate.Create("eu", ["127.0.0.1"], TimeSpan.FromDays(1)));
            await HelloRefused(link, stranger);
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task ServeReReadsItsCertificateFileOnSighupAndWhenItIsReplaced()
    {
        if (!OperatingSystem.IsLinux()) return; // SIGHUP and kill(1): Linux only
        string esFile = Path.Combine(_folder, "es.pfx");
        using var esOld = NodeCertificate.Create("es", ["127.0.0.1"], TimeSpan.FromDays(1));
        using var esNew = NodeCertificate.Create("es", ["127.0.0.1"], TimeSpan.FromDays(1));
        using var eu = Reload(NodeCertificate.Create("eu", ["127.0.0.1"], TimeSpan.FromDays(1)));
        await File.WriteAllBytesAsync(esFile, NodeCertificate.ExportPkcs12(esOld, "file-password"));
        string oldPin = NodeCertificate.Thumbprint(esOld), newPin = NodeCertificate.Thumbprint(esNew);

        await using var es = TestNode.National("es", "ES");
        int grpcPort = es.GrpcUrl.Port;
        // No keys file: SIGHUP is taken for the certificate alone.
        using var process = Start("serve", "--db", es.Database, "--urls", es.WebUrl.ToString().TrimEnd('/'), "--grpc-urls", $"https://127.0.0.1:{grpcPort}",
            "--node-name", "es", "--peer", "eu=https://127.0.0.1:1", "--peer-secret", $"eu={TestNode.Secret}", "--peer-cert", $"eu={NodeCertificate.Thumbprint(eu)}",
            "--grpc-cert", esFile, "--grpc-cert-password", "file-password", "--stop-with-stdin");
        var printed = new System.Text.StringBuilder();
        string Printed() { lock (printed) return printed.ToString(); }
        async Task<bool> Logged(string text) => await TestNode.WaitUntil(() => Printed().Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        async Task<string?> Presented()
        {
            foreach (string pin in new[] { oldPin, newPin })
            {
                var link = new PeerLink("es", new Uri($"https://127.0.0.1:{grpcPort}"), TestNode.Secret) { CertificatePins = [pin] };
                using var client = new PeerClient(link, new FederationOptions { NodeName = "eu", Certificate = eu, MaxAttempts = 1 });
                try { if ((await client.HelloAsync()).NodeName == "es") return pin; } catch (Grpc.Core.RpcException) { }
            }
            return null;
        }
        void Hangup()
        {
            using var kill = Process.Start("kill", ["-HUP", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }
        try
        {
            string banner = await WaitForHealth(process, es.WebUrl, printed);
            Assert.Contains("the certificate file is re-read when it changes and on SIGHUP", banner, StringComparison.Ordinal);
            Assert.Equal(oldPin, await Presented());

            // The file unchanged: only SIGHUP makes the node read it and say so; SIGHUP does not end the process.
            Hangup();
            Assert.True(await Logged($"read (SIGHUP): unchanged, SHA-256 {oldPin}"), Printed());
            Assert.False(process.HasExited);

            // The renewed certificate renamed over the file: new connections are served with it, no restart.
            string temporary = esFile + ".new";
            await File.WriteAllBytesAsync(temporary, NodeCertificate.ExportPkcs12(esNew, "file-password"));
            File.Move(temporary, esFile, overwrite: true);
            Assert.True(await Logged($"new connections present SHA-256 {newPin}"), Printed());
            Assert.Equal(newPin, await Presented());

            // A broken file on SIGHUP: a warning every time it is asked for; the new certificate stays.
            await File.WriteAllBytesAsync(esFile, NodeCertificate.ExportPkcs12(esOld, "another-password"));
            Assert.True(await Logged("gRPC certificate not reloaded (change)"), Printed());
            Hangup();
            Assert.True(await Logged("gRPC certificate not reloaded (SIGHUP)"), Printed());
            Assert.Equal(newPin, await Presented());
            Assert.False(process.HasExited);
            Assert.DoesNotContain("file-password", Printed(), StringComparison.Ordinal);
            Assert.DoesNotContain("another-password", Printed(), StringComparison.Ordinal);
            output.WriteLine(string.Join("\n", Printed().Split('\n').Where(l => l.Contains("gRPC certificate", StringComparison.Ordinal))).Replace(_folder, "…", StringComparison.Ordinal));
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>A thumbprint with ':' between bytes, as other tools print it.</summary>
    /// <summary>Spain's node answers Hello from "eu" presenting <paramref name="certificate"/>.</summary>
    private static async Task HelloAnswered(PeerLink link, X509Certificate2 certificate)
    {
        using var client = new PeerClient(link, new FederationOptions { NodeName = "eu", Certificate = certificate, MaxAttempts = 1 });
        Assert.Equal("es", (await client.HelloAsync()).NodeName);
    }

    /// <summary>The handshake with <paramref name="certificate"/> fails: the call ends UNAVAILABLE.</summary>
    private static async Task HelloRefused(PeerLink link, X509Certificate2 certificate)
    {
        using var client = new PeerClient(link, new FederationOptions { NodeName = "eu", Certificate = certificate, MaxAttempts = 1 });
        var e = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => client.HelloAsync());
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, e.StatusCode);
    }

    private static string Colons(string pin) => string.Join(':', pin.Chunk(2).Select(c => new string(c)));

    /// <summary>The certificate as a node reads it from its PKCS#12 file (the key usable for TLS).</summary>
    private static X509Certificate2 Reload(X509Certificate2 made)
    {
        using (made) return X509CertificateLoader.LoadPkcs12(NodeCertificate.ExportPkcs12(made, null), null);
    }

    [GeneratedRegex("^sha256: ([0-9A-F]{64})$", RegexOptions.Multiline)]
    private static partial Regex Sha256Line();

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dihnode.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DIHNODE_GRPC_CERT_PASSWORD");
        return Process.Start(start)!;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Dihnode(params string[] args)
    {
        using var process = Start(args);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits for the node's /healthz; returns what it printed on start.</summary>
    private static Task<string> WaitForHealth(Process process, Uri web) => WaitForHealth(process, web, new System.Text.StringBuilder());

    /// <summary>Waits for the node's /healthz; everything the node prints goes on into <paramref name="printed"/> (lock it to read).</summary>
    private static async Task<string> WaitForHealth(Process process, Uri web, System.Text.StringBuilder printed)
    {
        process.OutputDataReceived += (_, e) => { lock (printed) printed.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (printed) printed.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = web, Timeout = TimeSpan.FromSeconds(2) };
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < end)
        {
            Assert.False(process.HasExited, $"dihnode serve exited: {printed}");
            try
            {
                if ((await http.GetAsync("healthz")).IsSuccessStatusCode)
                    lock (printed) return printed.ToString();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("dihnode serve did not come up");
    }
}
