using DihNode.Node.Hosting;
using DihNode.Node.Tests.Server;

namespace DihNode.Reliability.Tests.Support;

/// <summary>A <see cref="NodeFixture"/> (a real node on a loopback port with the EDIH catalogue) with changed limits.</summary>
public class LimitedNode(Func<NodeOptions, NodeOptions> configure) : NodeFixture(configure)
{
    /// <summary>A SPARQL GET URL for <paramref name="query"/> with extra parameters.</summary>
    public static string Sparql(string query, string extra = "") => "sparql?query=" + Uri.EscapeDataString(query) + extra;
}

/// <summary>Queries stop after 1 s; everything else at the defaults.</summary>
public sealed class ShortTimeoutNode() : LimitedNode(o => With(o, timeout: TimeSpan.FromSeconds(1)))
{
    internal static NodeOptions With(NodeOptions o, TimeSpan timeout) => new()
    {
        Database = o.Database,
        Urls = o.Urls,
        ApiKey = o.ApiKey,
        QueryTimeout = timeout,
        MaxQueryTimeout = timeout,
    };
}
