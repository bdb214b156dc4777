using DihNode.Federation.Client;
using DihNode.Federation.Network;
using DihNode.Federation.Protocol;
using DihNode.Federation.Wire;

namespace DihNode.Federation.Tests.Fuzz;

/// <summary>
/// What network mode makes of a peer's Hello and Statistics (<see cref="PeerProfile.Read"/>). Found by the
/// decode-path fuzz: a Statistics listing a predicate twice ended as an ArgumentException from building the
/// dictionary, a Hello whose base_iri is not an IRI as a FormatException; neither is an error the network
/// request expects from a peer (it reports RpcException, WireFormatException and HttpRequestException peers as
/// missing), so one such peer failed the whole network query. Now both are WireFormatExceptions naming the field.
/// </summary>
public sealed class PeerProfileTests
{
    private static readonly HelloResponse s_hello = new() { NodeName = "mt", BaseIri = "https://mt.example.org", LastSequence = 7 };

    private static Statistics Valid() => new()
    {
        Hubs = 2, Triples = 30, DistinctSubjects = 4, DistinctObjects = 20, Sequence = 9,
        Classes = { new PartitionCount { Iri = "https://w3id.org/dih#Hub", Count = 2 } },
        Predicates = { new PartitionCount { Iri = "http://xmlns.com/foaf/0.1/name", Count = 2 }, new PartitionCount { Iri = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", Count = 4 } },
    };

    [Fact]
    public void AValidHelloAndStatisticsMakeTheProfile()
    {
        using var client = Client();
        var profile = PeerProfile.Read(client, s_hello, Valid(), DateTime.UtcNow);
        Assert.Equal("https://mt.example.org/graph/hubs", profile.HubsGraph.Value);
        Assert.Equal(4, profile.Predicates["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]);
        Assert.Equal(2, profile.Classes["https://w3id.org/dih#Hub"]);
        Assert.Equal(30, profile.Triples);
        Assert.Equal(9, profile.Sequence);
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "predicate twice", "statistics.predicates[2].iri: <http://xmlns.com/foaf/0.1/name> is listed twice" },
        { "class twice", "statistics.classes[1].iri: <https://w3id.org/dih#Hub> is listed twice" },
        { "relative predicate", "statistics.predicates[0].iri: <name>:" },
        { "negative count", "statistics.classes[0].count: -2 is negative" },
        { "negative triples", "statistics.triples: -1 is negative" },
        { "relative base", "HelloResponse.base_iri: base IRI 'mt.example.org' is not an absolute IRI" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void AMessageBreakingTheProtocolIsAWireFormatErrorNamingTheField(string what, string message)
    {
        var stats = Valid();
        var hello = s_hello.Clone();
        switch (what)
        {
            case "predicate twice": stats.Predicates.Add(new PartitionCount { Iri = "http://xmlns.com/foaf/0.1/name", Count = 1 }); break;
            case "class twice": stats.Classes.Add(stats.Classes[0].Clone()); break;
            case "relative predicate": stats.Predicates[0].Iri = "name"; break;
            case "negative count": stats.Classes[0].Count = -2; break;
            case "negative triples": stats.Triples = -1; break;
            default: hello.BaseIri = "mt.example.org"; break;
        }
        using var client = Client();
        var e = Assert.Throws<WireFormatException>(() => PeerProfile.Read(client, hello, stats, DateTime.UtcNow));
        Assert.StartsWith(message, e.Message);
    }

    private static PeerClient Client() =>
        new(new PeerLink("mt", new Uri("http://127.0.0.1:9"), TestNode.Secret), new FederationOptions { NodeName = "es" });
}
