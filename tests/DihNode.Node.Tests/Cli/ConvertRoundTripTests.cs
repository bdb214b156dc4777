using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Tests.Io;

namespace DihNode.Node.Tests.Cli;

/// <summary>
/// <c>dihnode convert</c> as a chain, Turtle → RDF/XML → JSON-LD → N-Triples, each step a file read and
/// written by the command: the last file is isomorphic to the first.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConvertRoundTripTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    /// <summary>Converts <paramref name="turtle"/> along the chain and checks the end against the start.</summary>
    private void AssertChain(string turtle, int atLeast)
    {
        string rdf = _host.PathOf("step.rdf"), jsonld = _host.PathOf("step.jsonld"), nt = _host.PathOf("end.nt");
        foreach (var (from, to) in new[] { (turtle, rdf), (rdf, jsonld), (jsonld, nt) })
        {
            int code = _host.Run("convert", from, to);
            Assert.True(code == 0, $"convert {Path.GetFileName(from)} {Path.GetFileName(to)} exited {code}: {_host.Error}");
        }
        var start = CliTestHost.ReadQuads(turtle);
        var end = CliTestHost.ReadQuads(nt);
        Assert.True(start.Count >= atLeast, $"only {start.Count} triples in the source");
        Assert.Matches($"^{start.Count} (triples|quads)\n$", _host.Error); // the last step counted every statement
        string? difference = Isomorphism.DescribeDifference(start, end);
        Assert.True(difference is null, difference);
    }

    [Fact]
    public void ExampleHubs() =>
        AssertChain(Path.Combine(CliTestHost.SharedRoot(), "tools", "examples", "hubs.ttl"), atLeast: 20);

    [Fact]
    public void GeneratedCatalogue() =>
        AssertChain(_host.File("catalogue.ttl", CatalogueTurtle.Generate(organisations: 300)), atLeast: 3000);
}
