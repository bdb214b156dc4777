using DihNode.Node.Hosting;
using DihNode.Reliability.Tests.Support;

namespace DihNode.Reliability.Tests.Limits;

/// <summary>Results cut at 10 rows; bodies over 64 KiB refused.</summary>
public sealed class SmallLimitsNode() : LimitedNode(o => new NodeOptions
{
    Database = o.Database,
    Urls = o.Urls,
    ApiKey = o.ApiKey,
    MaxResultRows = 10,
    MaxBodyBytes = 64 * 1024,
});

/// <summary>Queries stop after 1 s and results are never cut, so a long result is still streaming when the time runs out.</summary>
public sealed class StreamingNode() : LimitedNode(o => new NodeOptions
{
    Database = o.Database,
    Urls = o.Urls,
    ApiKey = o.ApiKey,
    QueryTimeout = TimeSpan.FromSeconds(1),
    MaxQueryTimeout = TimeSpan.FromSeconds(1),
    MaxResultRows = long.MaxValue,
    MaxIntermediateRows = long.MaxValue,
});
