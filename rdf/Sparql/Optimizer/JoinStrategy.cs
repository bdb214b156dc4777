namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>How a join is to be evaluated, recorded in the <see cref="Plan"/>.</summary>
internal enum JoinStrategy
{
    /// <summary>Each left row is substituted into the right side (index lookups), where that is safe.</summary>
    IndexNestedLoop,

    /// <summary>The right side is evaluated once, materialised and probed by each left row.</summary>
    Hash,
}
