using System.Diagnostics;
using System.Net;
using System.Text;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// Issue 11 item 7: RDF/XML bodies with external entities (SYSTEM, parameter entities) and entity
/// expansion bombs (billion laughs, quadratic blow-up) sent to the Graph Store get 400 within 1 s,
/// allocate less than 50 MB, echo no file content and contact nobody.
/// </summary>
public sealed class XmlAttackTests(SsrfNode node, ITestOutputHelper output) : IClassFixture<SsrfNode>
{
    private const string Rdf = "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"";

    private static string Body(string doctype, string value) =>
        $"<?xml version=\"1.0\"?>\n{doctype}\n<rdf:RDF {Rdf}><rdf:Description rdf:about=\"http://example.org/s\"><rdf:value>{value}</rdf:value></rdf:Description></rdf:RDF>";

    public static TheoryData<string, string> Attacks
    {
        get
        {
            var laughs = new StringBuilder("<!DOCTYPE rdf:RDF [<!ENTITY lol0 \"lol\">");
            for (int i = 1; i <= 10; i++)
                laughs.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
            laughs.Append("]>");
            string big = new('x', 50_000);
            string quadratic = $"<!DOCTYPE rdf:RDF [<!ENTITY x \"{big}\">]>";
            int port = SsrfNode.Listener.Port;
            return new TheoryData<string, string>
            {
                { "SYSTEM file entity", Body("<!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;") },
                { "SYSTEM http entity", Body($"<!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM \"http://127.0.0.1:{port}/secret\">]>", "&xxe;") },
                { "parameter entity", Body($"<!DOCTYPE rdf:RDF [<!ENTITY % p SYSTEM \"http://127.0.0.1:{port}/evil.dtd\"> %p;]>", "x") },
                { "parameter entity from file", Body("<!DOCTYPE rdf:RDF [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>", "x") },
                { "external DTD", Body($"<!DOCTYPE rdf:RDF SYSTEM \"http://127.0.0.1:{port}/rdf.dtd\">", "x") },
                { "billion laughs", Body(laughs.ToString(), "&lol10;") },
                { "quadratic blow-up", Body(quadratic, string.Concat(Enumerable.Repeat("&x;", 2000))) },
            };
        }
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task IsRefusedQuicklyCheaplyAndWithoutSideEffects(string name, string body)
    {
        using var writer = node.WriterClient();
        int connections = SsrfNode.Listener.Connections;
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/rdf+xml");
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        using var response = await writer.PutAsync("graph-store?graph=" + Uri.EscapeDataString("http://example.org/xml-attack"), content);
        string text = await response.Content.ReadAsStringAsync();
        TimeSpan elapsed = clock.Elapsed;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"{name}: {(int)response.StatusCode} in {elapsed.TotalMilliseconds:F0} ms, {allocated / 1024.0 / 1024.0:F1} MB allocated (test and node); {Limits.BodyLimitTests.PathologicalShorten(text)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"{name}: {elapsed}");
        Assert.True(allocated < 50L * 1024 * 1024, $"{name}: {allocated} bytes allocated");
        Assert.DoesNotContain("root:", text);
        Assert.DoesNotContain("lollollol", text);
        await Task.Delay(50);
        Assert.Equal(connections, SsrfNode.Listener.Connections);
    }
}
