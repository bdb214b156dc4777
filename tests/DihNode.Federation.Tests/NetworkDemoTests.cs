using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// <c>dihnode network demo</c> as a user runs it: a separate process that starts four national nodes and an
/// aggregator as their own processes. It prints the endpoints, the aggregator converges to the union, SIGTERM
/// stops every node; and when the demo process itself is killed (-9), its nodes stop by themselves.
/// </summary>
public sealed class NetworkDemoTests(ITestOutputHelper output)
{
    private const int Ports = 10 * 5;

    [SkippableFact]
    public async Task TheDemoStartsFiveNodesTheAggregatorConvergesAndEveryNodeStopsOnTermOrWhenTheDemoDies()
    {
        int basePort = LoopbackPorts.TakeRange(Ports);
        Skip.If(basePort == 0, "no free range of loopback ports for the five nodes");
        string work = Directory.CreateTempSubdirectory("dihnode-network-test-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            using (var demo = Demo(basePort, work))
            {
                string text = await demo.WaitForAsync("network running", TimeSpan.FromSeconds(60));
                output.WriteLine($"first start (imports included): {clock.ElapsedMilliseconds} ms");
                Assert.Contains("aggregator holds the union: 195 hubs from 4 nodes", text); // ES 51 + IT 57 + DE 57 + FR 30
                foreach (int i in Enumerable.Range(0, 5))
                {
                    Assert.Contains($"  SPARQL    http://127.0.0.1:{basePort + 10 * i}/sparql", text);
                    Assert.Contains($"  OData     http://127.0.0.1:{basePort + 10 * i}/odata", text);
                    Assert.Contains($"  gRPC      http://127.0.0.1:{basePort + 10 * i + 1}", text);
                }
                using var http = new HttpClient();
                string catalogue = await http.GetStringAsync($"http://127.0.0.1:{basePort + 40}/catalog.nt");
                foreach (string cc in new[] { "es", "it", "de", "fr" })
                    Assert.Contains($"<http://purl.org/dc/terms/hasPart> <https://dih.example.org/catalog/peer/{cc}>", catalogue);
                Assert.Contains("\"Digital Innovation Hubs of France\"@en", catalogue);

                Signal(demo.Process.Id, "TERM");
                Assert.True(demo.Process.WaitForExit(TimeSpan.FromSeconds(20)), "the demo did not stop on SIGTERM");
                demo.Process.WaitForExit(); // and its output drained
                Assert.Equal(0, demo.Process.ExitCode);
                Assert.Contains("stopped 5 nodes", demo.Text);
                Assert.True(await PortsFree(basePort, TimeSpan.FromSeconds(5)), "a node still listens after the demo stopped");
            }

            // Second run on the same work folder (no import): kill the demo itself; the nodes follow it.
            clock.Restart();
            using (var demo = Demo(basePort, work))
            {
                await demo.WaitForAsync("network running", TimeSpan.FromSeconds(45));
                output.WriteLine($"second start (data in place): {clock.ElapsedMilliseconds} ms");
                Assert.DoesNotContain("imported", demo.Text);
                demo.Process.Kill(); // SIGKILL: no chance to clean up
                demo.Process.WaitForExit();
                Assert.True(await PortsFree(basePort, TimeSpan.FromSeconds(15)), "the nodes outlived the killed demo");
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static DemoProcess Demo(int basePort, string work)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "dihnode.dll"), "network", "demo", "--base-port", basePort.ToString(), "--work", work })
            start.ArgumentList.Add(a);
        start.Environment["DIHNODE_SHARED"] = Path.GetDirectoryName(TestNode.DataDirectory.TrimEnd('/'))!;
        return new DemoProcess(Process.Start(start)!);
    }

    private static void Signal(int pid, string signal) => Process.Start("kill", ["-" + signal, pid.ToString()])!.WaitForExit();

    private static async Task<bool> PortsFree(int basePort, TimeSpan timeout) =>
        await TestNode.WaitUntil(() => Enumerable.Range(0, 5).All(i => LoopbackPorts.IsFree(basePort + 10 * i) && LoopbackPorts.IsFree(basePort + 10 * i + 1)), timeout);

    /// <summary>The demo process and everything it printed so far.</summary>
    private sealed class DemoProcess : IDisposable
    {
        private readonly System.Text.StringBuilder _text = new();

        public DemoProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => { lock (_text) _text.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (_text) _text.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Text
        {
            get { lock (_text) return _text.ToString(); }
        }

        public async Task<string> WaitForAsync(string line, TimeSpan timeout)
        {
            bool seen = await TestNode.WaitUntil(() => Text.Contains(line, StringComparison.Ordinal) || Process.HasExited, timeout);
            Assert.True(seen && !Process.HasExited, $"the demo did not print '{line}':\n{Text}");
            return Text;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }
            Process.Dispose();
        }
    }
}
